using System.Security.Cryptography;
using Microsoft.AspNetCore.Identity;

namespace ErpCrm.Core.Identity;

/// <summary>
/// Spends on a sign-in of a user name that does not exist the time a real one spends verifying its password: the hash of a
/// random password, made once by the same hasher (so with the same algorithm and iterations), checked against what was typed.
/// Without it an unknown name answers in milliseconds and a known one in a hundred, which tells which names exist.
/// </summary>
public sealed class UnknownUserPasswords(IPasswordHasher<UserRecord> hasher)
{
    private static readonly UserRecord Nobody = new() { UserName = "" };

    private readonly Lazy<string> _hash = new(() => hasher.HashPassword(Nobody, Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))));

    /// <summary>Verifies <paramref name="password"/> against the made-up hash, for the time it takes: nobody knows that password.</summary>
    public void Verify(string password) => hasher.VerifyHashedPassword(Nobody, _hash.Value, password);
}
