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
public sealed class ApiTokenService(IUnitOfWork unitOfWork, AuditLog audit, TimeProvider clock)
{
    public const string Prefix = "erp_";
    public const int MaxNameLength = 100;
    public static readonly TimeSpan LastUsedResolution = TimeSpan.FromMinutes(1);

    private const string InfoColumns = "id AS Id, name AS Name, created_utc AS CreatedUtc, last_used_utc AS LastUsedUtc, revoked_utc AS RevokedUtc";

    private sealed record TokenOwner
    {
        public long TokenId { get; init; }
        public string? LastUsedUtc { get; init; }
        public long Id { get; init; }
        public string UserName { get; init; } = "";
        public string Email { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public bool Enabled { get; init; }
    }

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
        var owner = await unitOfWork.QuerySingleOrDefaultAsync<TokenOwner>(
            """
            SELECT t.id AS TokenId, t.last_used_utc AS LastUsedUtc,
                   u.id AS Id, u.user_name AS UserName, u.email AS Email, u.display_name AS DisplayName, u.enabled AS Enabled
            FROM erp_api_tokens t JOIN erp_users u ON u.id = t.user_id
            WHERE t.token_hash = @hash AND t.revoked_utc IS NULL AND u.enabled = @enabled
            """,
            new { hash = Hash(token), enabled = true }, cancellationToken);
        if (owner is null)
        {
            return null;
        }
        await RecordUseAsync(owner, cancellationToken);
        return new UserRecord { Id = owner.Id, UserName = owner.UserName, Email = owner.Email, DisplayName = owner.DisplayName, Enabled = owner.Enabled };
    }

    /// <summary>
    /// Notes when a token was last used, to the minute. The timestamps are in one sortable format, so the check is a
    /// string comparison and most requests write nothing. The write is its own statement, not part of the request's
    /// change (authentication runs before any transaction begins): a request that fails still used the token.
    /// </summary>
    private async Task RecordUseAsync(TokenOwner owner, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var stale = (now - LastUsedResolution).ToString("O");
        if (owner.LastUsedUtc is not null && string.CompareOrdinal(owner.LastUsedUtc, stale) > 0)
        {
            return;
        }
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
