using System.Security.Cryptography;
using Dapper;
using ErpCrm.Data;

namespace ErpCrm.Core.Identity;

/// <summary>A personal access token as its owner sees it: never the token itself, nor its hash.</summary>
public sealed record ApiTokenInfo
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string CreatedUtc { get; init; } = "";
    public string? LastUsedUtc { get; init; }
    public string? RevokedUtc { get; init; }
}

/// <summary>A token just created: <see cref="Token"/> is the clear text, shown this once.</summary>
public sealed record IssuedToken(ApiTokenInfo Info, string Token);

/// <summary>
/// Personal access tokens for the API. A token is shown once, when created; only its SHA-256 hash is stored,
/// so a leaked database does not leak usable tokens. Creating and revoking are audited; use is recorded at most
/// once per <see cref="LastUsedResolution"/> per token, so that authenticating stays a read.
/// </summary>
/// <remarks>
/// Authenticating reads the tokens from the tenant's configuration cache (<see cref="ApiAccess"/>): issuing and revoking invalidate it in
/// their transaction, so a revoked token is refused by this node's next request and by every node within a second.
/// </remarks>
public sealed class ApiTokenService(IUnitOfWork unitOfWork, AuditLog audit, TimeProvider clock, ApiAccess access)
{
    public const string Prefix = "erp_";
    public const int MaxNameLength = 100;
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private const string InfoColumns = "id AS Id, name AS Name, created_utc AS CreatedUtc, last_used_utc AS LastUsedUtc, revoked_utc AS RevokedUtc";

    /// <summary>Creates a token for the user and returns it in clear, the only time it is available.</summary>
    public async Task<string> CreateAsync(long userId, string name, CancellationToken cancellationToken)
    {
        var issued = await IssueAsync(userId, name, cancellationToken);
        return issued.Value?.Token ?? throw new ArgumentException(issued.Failure!.Detail, nameof(name));
    }

    /// <summary>Creates a token named <paramref name="name"/> (1 to <see cref="MaxNameLength"/> characters) for the user.</summary>
    public async Task<Result<IssuedToken>> IssueAsync(long userId, string? name, CancellationToken cancellationToken)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameLength)
        {
            return Result.Invalid("name", $"A token name of 1 to {MaxNameLength} characters is required, to tell your tokens apart.");
        }
        var token = Prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        var now = clock.GetUtcNow().ToString("O");
        await access.ChangingAsync(cancellationToken);
        var id = await unitOfWork.ExecuteScalarAsync<long>(
            "INSERT INTO erp_api_tokens (user_id, name, token_hash, created_utc) VALUES (@userId, @name, @hash, @now) RETURNING id",
            new { userId, name, hash = Hash(token), now }, cancellationToken);
        await audit.RecordAsync(AuditKinds.TokenCreated, await UserNameAsync(userId, cancellationToken), $"Created API token '{name}' (#{id}).", cancellationToken);
        return new IssuedToken(new ApiTokenInfo { Id = id, Name = name, CreatedUtc = now }, token);
    }

    /// <summary>The user's tokens, newest first, revoked ones included.</summary>
    public Task<IReadOnlyList<ApiTokenInfo>> ListAsync(long userId, CancellationToken cancellationToken) =>
        unitOfWork.QueryAsync<ApiTokenInfo>($"SELECT {InfoColumns} FROM erp_api_tokens WHERE user_id = @userId ORDER BY id DESC", new { userId }, cancellationToken);

    /// <summary>Revokes one of the user's own tokens; another user's token is as unknown as a missing one.</summary>
    public async Task<Result<ApiTokenInfo>> RevokeAsync(long userId, long tokenId, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow().ToString("O");
        await access.ChangingAsync(cancellationToken);
        var revoked = await unitOfWork.ExecuteAsync(
            "UPDATE erp_api_tokens SET revoked_utc = @now WHERE id = @tokenId AND user_id = @userId AND revoked_utc IS NULL",
            new { tokenId, userId, now }, cancellationToken);
        var token = await unitOfWork.QuerySingleOrDefaultAsync<ApiTokenInfo>(
            $"SELECT {InfoColumns} FROM erp_api_tokens WHERE id = @tokenId AND user_id = @userId", new { tokenId, userId }, cancellationToken);
        if (token is null)
        {
            return Result.NotFound($"You have no API token #{tokenId}.");
        }
        if (revoked == 1)
        {
            await audit.RecordAsync(AuditKinds.TokenRevoked, await UserNameAsync(userId, cancellationToken), $"Revoked API token '{token.Name}' (#{token.Id}).", cancellationToken);
        }
        return token;
    }

    /// <summary>The enabled user a valid, unrevoked token belongs to, or null. Records the token's use.</summary>
    public async Task<UserRecord?> FindUserAsync(string token, CancellationToken cancellationToken)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 200)
        {
            return null;
        }
        if (await access.FindTokenAsync(Hash(token), cancellationToken) is not { } owner)
        {
            return null;
        }
        await RecordUseAsync(owner, cancellationToken);
        return owner.User;
    }

    /// <summary>
    /// Notes when a token was last used, to the minute: this node writes at most once per <see cref="LastUsedResolution"/> per token
    /// (<see cref="ApiAccess.TokenOwner.ClaimUse"/>), and the write changes the row only if no node noted a use within it, so most
    /// requests write nothing. The write is its own statement, not part of the request's change (authentication runs before any
    /// transaction begins): a request that fails still used the token.
    /// </summary>
    private async Task RecordUseAsync(ApiAccess.TokenOwner owner, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        if (!owner.ClaimUse(now, LastUsedResolution))
        {
            return;
        }
        var stale = (now - LastUsedResolution).ToString("O");
        var connection = await unitOfWork.GetConnectionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition(
            "UPDATE erp_api_tokens SET last_used_utc = @now WHERE id = @id AND (last_used_utc IS NULL OR last_used_utc <= @stale)",
            new { id = owner.TokenId, now = now.ToString("O"), stale }, unitOfWork.Transaction, cancellationToken: cancellationToken));
    }

    private async Task<string> UserNameAsync(long userId, CancellationToken cancellationToken) =>
        await unitOfWork.QuerySingleOrDefaultAsync<string>("SELECT user_name FROM erp_users WHERE id = @userId", new { userId }, cancellationToken) ?? $"#{userId}";

    internal static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
