using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Core.Identity;

/// <summary>
/// How passwords are hashed: PBKDF2 (HMAC-SHA512) with <c>ErpCrm:Identity:PasswordHasher:IterationCount</c> rounds, 100,000 unless
/// configured, and never fewer than 10,000 (the least NIST SP 800-63B asks for). A hash records its own count, so changing the
/// setting keeps every password working; a raised count upgrades each password at its user's next sign-in.
/// </summary>
public static class PasswordHashing
{
    public const string Section = "ErpCrm:Identity:PasswordHasher";

    public const int DefaultIterations = 100_000;

    public const int MinimumIterations = 10_000;

    /// <summary>Registers the hasher with its options, checked when the host starts.</summary>
    public static IServiceCollection AddPasswordHashing(this IServiceCollection services)
    {
        services.AddOptions<PasswordHasherOptions>()
            .Configure(o => o.IterationCount = DefaultIterations)
            .BindConfiguration(Section)
            .Validate(o => o.IterationCount >= MinimumIterations, $"{Section}:{nameof(PasswordHasherOptions.IterationCount)} must be at least {MinimumIterations:N0}.")
            .ValidateOnStart();
        services.AddSingleton<IPasswordHasher<UserRecord>, PasswordHasher<UserRecord>>();
        return services;
    }
}
