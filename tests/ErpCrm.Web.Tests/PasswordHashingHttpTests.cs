using System.Buffers.Binary;
using System.Globalization;
using ErpCrm.Core.Identity;
using ErpCrm.Data;
using ErpCrm.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ErpCrm.Web.Tests;

/// <summary>
/// The password hasher's iteration count is a setting: a hash keeps the count it was made with, so every password keeps working when
/// the setting changes, and a raised count upgrades each password at its user's next sign-in; a count below the least the product
/// accepts stops the host from starting, naming the setting. (Its hosts hash with twice the least count, so that the least is lower.)
/// </summary>
public abstract class PasswordHashingHttpTests(DatabaseProvider provider)
    : SetUpHostTests(provider, configuration: new Dictionary<string, string> { [TestHost.PasswordIterationsSetting] = Raised.ToString(CultureInfo.InvariantCulture) })
{
    private const int Raised = 2 * PasswordHashing.MinimumIterations;

    [Fact]
    public async Task A_password_hashed_with_a_lower_count_still_signs_in_and_is_rehashed_with_the_raised_count()
    {
        await Host.CreateUserWithTokenAsync(Tenant, "ann");
        var older = new PasswordHasher<UserRecord>(Options.Create(new PasswordHasherOptions { IterationCount = PasswordHashing.MinimumIterations }));
        await StoreHashAsync("ann", older.HashPassword(new UserRecord { UserName = "ann" }, TestHost.AdminPassword));
        Assert.Equal(PasswordHashing.MinimumIterations, IterationsOf(await StoredHashAsync("ann")));

        await BrowserSession.Open(Host).SignInOrFailAsync("ann", TestHost.AdminPassword);

        Assert.Equal(Raised, IterationsOf(await StoredHashAsync("ann")));
        await BrowserSession.Open(Host).SignInOrFailAsync("ann", TestHost.AdminPassword);
    }

    [Fact]
    public async Task A_count_below_the_least_accepted_stops_the_host_naming_the_setting()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHost.StartAsync(Host.Provider, configuration: new Dictionary<string, string>
        {
            [TestHost.PasswordIterationsSetting] = "9999",
        }));

        Assert.Equal("ErpCrm:Identity:PasswordHasher:IterationCount must be at least 10,000.", Assert.Single(failure.Failures));
    }

    [Fact]
    public async Task A_host_setting_that_does_not_read_as_its_type_stops_the_host_naming_the_setting_and_the_value()
    {
        var failure = await Assert.ThrowsAsync<OptionsValidationException>(() => TestHost.StartAsync(Host.Provider, configuration: new Dictionary<string, string>
        {
            ["ErpCrm:IdleReleaseAfter"] = "half an hour",
        }));

        var message = Assert.Single(failure.Failures);
        Assert.Contains("'ErpCrm:IdleReleaseAfter'", message);
        Assert.Contains("'half an hour'", message);
    }

    /// <summary>The iteration count an ASP.NET Core Identity (version 3) hash records: a big-endian integer after the format and PRF markers.</summary>
    private static int IterationsOf(string hash) => (int)BinaryPrimitives.ReadUInt32BigEndian(Convert.FromBase64String(hash).AsSpan(5, 4));

    private async Task<string> StoredHashAsync(string userName) => (await Host.InTenantAsync(Tenant, services => services.GetRequiredService<IUnitOfWork>()
        .QuerySingleOrDefaultAsync<string>("SELECT password_hash FROM erp_users WHERE user_name = @userName", new { userName }, CancellationToken.None)))!;

    private Task<int> StoreHashAsync(string userName, string hash) => Host.InTenantAsync(Tenant, services => services.GetRequiredService<IUnitOfWork>()
        .ExecuteAsync("UPDATE erp_users SET password_hash = @hash WHERE user_name = @userName", new { hash, userName }, CancellationToken.None));
}

public sealed class SqlitePasswordHashingHttpTests() : PasswordHashingHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresPasswordHashingHttpTests() : PasswordHashingHttpTests(DatabaseProvider.Postgres);
