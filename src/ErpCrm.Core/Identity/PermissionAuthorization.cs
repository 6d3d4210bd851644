using System.Security.Claims;
using ErpCrm.Core.Tenants;
using ErpCrm.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ErpCrm.Core.Identity;

/// <summary>Requires the signed-in user to hold a permission in the current tenant.</summary>
public sealed record PermissionRequirement(string Permission) : IAuthorizationRequirement;

/// <summary>Builds a policy for every <c>Permission:Name</c> policy name on demand.</summary>
public sealed class PermissionPolicyProvider(IOptions<AuthorizationOptions> options) : DefaultAuthorizationPolicyProvider(options)
{
    /// <summary>A policy depends on its name only, so endpoints may cache it (a subclass is not cached by default).</summary>
    public override bool AllowsCachingPolicies => true;

    public override async Task<AuthorizationPolicy?> GetPolicyAsync(string policyName)
    {
        if (!policyName.StartsWith(PermissionPolicy.Prefix, StringComparison.Ordinal))
        {
            return await base.GetPolicyAsync(policyName);
        }
        return new AuthorizationPolicyBuilder()
            .RequireAuthenticatedUser()
            .AddRequirements(new PermissionRequirement(policyName[PermissionPolicy.Prefix.Length..]))
            .Build();
    }
}

/// <summary>Checks <see cref="PermissionRequirement"/> against the user's roles in the request's tenant.</summary>
public sealed class PermissionAuthorizationHandler(IServiceProvider services) : AuthorizationHandler<PermissionRequirement>
{
    protected override async Task HandleRequirementAsync(AuthorizationHandlerContext context, PermissionRequirement requirement)
    {
        var tenant = services.GetRequiredService<TenantAccessor>();
        if (!tenant.HasTenant || UserPrincipal.UserIdIn(context.User, tenant.Tenant.Name) is not { } userId)
        {
            return;
        }
        if (await services.GetRequiredService<UserStore>().HasPermissionAsync(userId, requirement.Permission, CancellationToken.None))
        {
            context.Succeed(requirement);
        }
    }
}
