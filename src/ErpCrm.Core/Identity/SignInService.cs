using ErpCrm.Data;
using ErpCrm.Http;
using ErpCrm.Tenants;
using Microsoft.Extensions.Options;

namespace ErpCrm.Core.Identity;

/// <summary>How a password sign-in ended. Only the audit log tells the failures apart; a caller shows <see cref="SignInService.FailureMessage"/> for all of them.</summary>
public enum SignInOutcome { Succeeded, Failed, LockedOut, Disabled, Throttled }

/// <summary>The outcome of a sign-in, with the user when it succeeded and how long to wait when the address is throttled.</summary>
public sealed record SignInResult(SignInOutcome Outcome, UserRecord? User, TimeSpan? RetryAfter = null);

/// <summary>
/// How many failed sign-ins one client address may make in one tenant: configuration section <c>ErpCrm:SignIn:Throttle</c>,
/// e.g. <c>--ErpCrm:SignIn:Throttle:PermitLimit=3</c>. With the defaults one address can lock at most two accounts an hour.
/// </summary>
public sealed class SignInThrottleOptions
{
    public const string Section = "ErpCrm:SignIn:Throttle";

    /// <summary>Failed sign-ins allowed per address and tenant in each window; 0 turns the throttle off.</summary>
    public int PermitLimit { get; set; } = 10;

    /// <summary>The window the failures count in.</summary>
    public TimeSpan Window { get; set; } = TimeSpan.FromHours(1);

    internal ClientRateLimit Limit => new("sign-in", PermitLimit, Window);
}

/// <summary>
/// Checks user name and password. Invariants:
/// <list type="bullet">
/// <item>an answer tells nothing about the account: every failure (unknown user, wrong password, locked out, disabled) is
///   one outcome for the caller's message, and every attempt costs one password hash, a made-up one for unknown users;</item>
/// <item>one address makes at most <see cref="SignInThrottleOptions.PermitLimit"/> failed attempts per window (a permit is
///   taken before the attempt and given back when it succeeds), in front of the account's lockout: after
///   <see cref="MaxFailedAttempts"/> failures in a row the account is locked for <see cref="LockoutDuration"/>;</item>
/// <item>every attempt is audited with its real reason and committed, also the failed ones (their request fails, so they
///   cannot ride on its unit of work).</item>
/// </list>
/// </summary>
public sealed class SignInService(UserStore users, AuditLog audit, IUnitOfWork unitOfWork, TimeProvider clock, ITenantContext tenant,
    IClientRateLimiter limiter, IOptions<SignInThrottleOptions> throttle, UnknownUserPasswords unknownUsers)
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>What a failed sign-in says, whatever failed: telling them apart would tell which user names exist.</summary>
    public const string FailureMessage = "The user name or password is wrong, or the account cannot sign in now.";

    /// <param name="clientAddress">The client as limits name it (<see cref="ClientAddresses.Of(Microsoft.AspNetCore.Http.HttpContext)"/>).</param>
    public async Task<SignInResult> PasswordSignInAsync(string? userName, string? password, string clientAddress, CancellationToken cancellationToken)
    {
        var limit = throttle.Value.Limit;
        if (!limiter.TryAcquire(limit, tenant.Name, clientAddress, out var retryAfter))
        {
            return new SignInResult(SignInOutcome.Throttled, null, retryAfter);
        }
        await unitOfWork.BeginWriteAsync(cancellationToken); // read and count under the write lock: no lost failure counts
        var user = string.IsNullOrWhiteSpace(userName) ? null : await users.FindByNameAsync(userName, cancellationToken);
        var now = clock.GetUtcNow();
        if (user is null)
        {
            unknownUsers.Verify(password ?? "");
        }
        var passwordMatches = user is not null && await users.CheckPasswordAsync(user, password ?? "", cancellationToken);
        SignInResult result;
        if (user is null)
        {
            await audit.RecordAsync(AuditKinds.SignInFailed, userName?.Trim() ?? "", "Unknown user name.", cancellationToken, actor: userName?.Trim());
            result = new SignInResult(SignInOutcome.Failed, null);
        }
        else if (user.LockedOutUntilUtc is { } until && DateTimeOffset.Parse(until) > now)
        {
            await audit.RecordAsync(AuditKinds.SignInFailed, user.UserName, $"Locked out until {until}.", cancellationToken, actor: user.UserName);
            result = new SignInResult(SignInOutcome.LockedOut, null);
        }
        else if (!passwordMatches)
        {
            result = await RecordWrongPasswordAsync(user, now, cancellationToken);
        }
        else if (!user.Enabled)
        {
            await audit.RecordAsync(AuditKinds.SignInFailed, user.UserName, "The account is disabled.", cancellationToken, actor: user.UserName);
            result = new SignInResult(SignInOutcome.Disabled, null);
        }
        else
        {
            await users.RecordSignInAsync(user.Id, 0, null, cancellationToken);
            await audit.RecordAsync(AuditKinds.SignIn, user.UserName, "Signed in with a password.", cancellationToken, actor: user.UserName);
            result = new SignInResult(SignInOutcome.Succeeded, user);
        }
        await unitOfWork.CommitAsync(cancellationToken);
        if (result.Outcome == SignInOutcome.Succeeded)
        {
            limiter.Release(limit, tenant.Name, clientAddress);
        }
        return result;
    }

    private async Task<SignInResult> RecordWrongPasswordAsync(UserRecord user, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var failures = user.FailedSignIns + 1;
        if (failures < MaxFailedAttempts)
        {
            await users.RecordSignInAsync(user.Id, failures, null, cancellationToken);
            await audit.RecordAsync(AuditKinds.SignInFailed, user.UserName, $"Wrong password ({failures} of {MaxFailedAttempts}).", cancellationToken, actor: user.UserName);
            return new SignInResult(SignInOutcome.Failed, null);
        }
        await users.RecordSignInAsync(user.Id, 0, now + LockoutDuration, cancellationToken);
        await audit.RecordAsync(AuditKinds.LockedOut, user.UserName, $"{failures} failed sign-ins: locked out for {LockoutDuration.TotalMinutes} minutes.", cancellationToken, actor: user.UserName);
        return new SignInResult(SignInOutcome.LockedOut, null);
    }
}
