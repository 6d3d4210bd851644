using System.Security.Cryptography;
using ErpCrm.Data;

namespace ErpCrm.Core.Identity;

/// <summary>A personal access token as its owner sees it listed.</summary>
public sealed record ApiTokenRecord
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string CreatedUtc { get; init; } = "";
    public string? LastUsedUtc { get; init; }
    public string? RevokedUtc { get; init; }
}

/// <summary>
/// Personal access tokens for the API. A token is shown once, when created; only its SHA-256 hash is stored,
/// so a leaked database does not leak usable tokens.
/// </summary>
public sealed class ApiTokenService(IUnitOfWork unitOfWork, TimeProvider clock)
{
    public const string Prefix = "erp_";

    /// <summary>Creates a token for the user and returns it in clear, the only time it is available.</summary>
    public async Task<string> CreateAsync(long userId, string name, CancellationToken cancellationToken)
    {
        var token = Prefix + Base64UrlEncode(RandomNumberGenerator.GetBytes(32));
        await unitOfWork.ExecuteAsync(
            "INSERT INTO erp_api_tokens (user_id, name, token_hash, created_utc) VALUES (@userId, @name, @hash, @now)",
            new { userId, name, hash = Hash(token), now = clock.GetUtcNow().ToString("O") }, cancellationToken);
        return token;
    }

    /// <summary>The user's tokens, newest first, revoked ones included (never the token itself: only its hash is kept).</summary>
    public Task<IReadOnlyList<ApiTokenRecord>> ListAsync(long userId, CancellationToken cancellationToken) =>
        unitOfWork.QueryAsync<ApiTokenRecord>(
            """
            SELECT id AS Id, name AS Name, created_utc AS CreatedUtc, last_used_utc AS LastUsedUtc, revoked_utc AS RevokedUtc
            FROM erp_api_tokens WHERE user_id = @userId ORDER BY id DESC
            """,
            new { userId }, cancellationToken);

    /// <summary>Revokes one of the user's tokens; false when the user has no such unrevoked token.</summary>
    public async Task<bool> RevokeAsync(long userId, long tokenId, CancellationToken cancellationToken) =>
        await unitOfWork.ExecuteAsync(
            "UPDATE erp_api_tokens SET revoked_utc = @now WHERE id = @tokenId AND user_id = @userId AND revoked_utc IS NULL",
            new { userId, tokenId, now = clock.GetUtcNow().ToString("O") }, cancellationToken) == 1;

    /// <summary>The enabled user a valid, unrevoked token belongs to, or null.</summary>
    public Task<UserRecord?> FindUserAsync(string token, CancellationToken cancellationToken)
    {
        if (!token.StartsWith(Prefix, StringComparison.Ordinal) || token.Length > 200)
        {
            return Task.FromResult<UserRecord?>(null);
        }
        return unitOfWork.QuerySingleOrDefaultAsync<UserRecord>(
            """
            SELECT u.id AS Id, u.user_name AS UserName, u.email AS Email, u.display_name AS DisplayName, u.enabled AS Enabled
            FROM erp_api_tokens t JOIN erp_users u ON u.id = t.user_id
            WHERE t.token_hash = @hash AND t.revoked_utc IS NULL AND u.enabled = @enabled
            """,
            new { hash = Hash(token), enabled = true }, cancellationToken);
    }

    internal static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
