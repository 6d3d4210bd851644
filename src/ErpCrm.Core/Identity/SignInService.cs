using ErpCrm.Data;

namespace ErpCrm.Core.Identity;

/// <summary>How a password sign-in ended.</summary>
public enum SignInOutcome { Succeeded, Failed, LockedOut, Disabled }

/// <summary>The outcome of a sign-in, with the user when it succeeded and the lockout's end when locked out.</summary>
public sealed record SignInResult(SignInOutcome Outcome, UserRecord? User, DateTimeOffset? LockedOutUntil = null);

/// <summary>
/// Checks user name and password with lockout: after <see cref="MaxFailedAttempts"/> failures in a row the
/// account is locked for <see cref="LockoutDuration"/>. Every attempt is audited and committed, also the
/// failed ones (their request fails, so they cannot ride on its unit of work).
/// </summary>
public sealed class SignInService(UserStore users, AuditLog audit, IUnitOfWork unitOfWork, TimeProvider clock)
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    public async Task<SignInResult> PasswordSignInAsync(string? userName, string? password, CancellationToken cancellationToken)
    {
        await unitOfWork.BeginWriteAsync(cancellationToken); // read and count under the write lock: no lost failure counts
        var user = string.IsNullOrWhiteSpace(userName) ? null : await users.FindByNameAsync(userName, cancellationToken);
        var now = clock.GetUtcNow();
        SignInResult result;
        if (user is null)
        {
            await audit.RecordAsync(AuditKinds.SignInFailed, userName?.Trim() ?? "", "Unknown user name.", cancellationToken, actor: userName?.Trim());
            result = new SignInResult(SignInOutcome.Failed, null);
        }
        else if (user.LockedOutUntilUtc is { } until && DateTimeOffset.Parse(until) > now)
        {
            await audit.RecordAsync(AuditKinds.SignInFailed, user.UserName, $"Locked out until {until}.", cancellationToken, actor: user.UserName);
            result = new SignInResult(SignInOutcome.LockedOut, null, DateTimeOffset.Parse(until));
        }
        else if (!await users.CheckPasswordAsync(user, password ?? "", cancellationToken))
        {
            var failures = user.FailedSignIns + 1;
            if (failures >= MaxFailedAttempts)
            {
                var lockedUntil = now + LockoutDuration;
                await users.RecordSignInAsync(user.Id, 0, lockedUntil, cancellationToken);
                await audit.RecordAsync(AuditKinds.LockedOut, user.UserName, $"{failures} failed sign-ins: locked out for {LockoutDuration.TotalMinutes} minutes.", cancellationToken, actor: user.UserName);
                result = new SignInResult(SignInOutcome.LockedOut, null, lockedUntil);
            }
            else
            {
                await users.RecordSignInAsync(user.Id, failures, null, cancellationToken);
                await audit.RecordAsync(AuditKinds.SignInFailed, user.UserName, $"Wrong password ({failures} of {MaxFailedAttempts}).", cancellationToken, actor: user.UserName);
                result = new SignInResult(SignInOutcome.Failed, null);
            }
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
        return result;
    }
}
