namespace ErpCrm.Security;

/// <summary>A user of the tenant as lists and pickers show them.</summary>
/// <param name="Id">The text id UserPicker fields hold.</param>
/// <param name="UserName">What the user signs in with.</param>
/// <param name="DisplayName">What people call them.</param>
/// <param name="Enabled">Whether they may sign in (disabled users still own what they owned).</param>
public sealed record DirectoryUser(string Id, string UserName, string DisplayName, bool Enabled);

/// <summary>
/// Read-only lookups of the tenant's users for modules that assign work to people (lead owners, ticket agents). User ids
/// are the text ids that UserPicker fields hold.
/// </summary>
public interface IUserDirectory
{
    /// <summary>The ids of the enabled users who hold <paramref name="role"/> (name ignoring case), in a stable order (by id).</summary>
    Task<IReadOnlyList<string>> EnabledUserIdsInRoleAsync(string role, CancellationToken cancellationToken);

    /// <summary>The id of the enabled user with this user name (ignoring case), or null when there is none.</summary>
    Task<string?> FindEnabledUserIdAsync(string userName, CancellationToken cancellationToken);

    /// <summary>The users with these ids (enabled or not), for showing who is assigned; ids that name no user are left out.</summary>
    Task<IReadOnlyList<DirectoryUser>> FindUsersAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken);

    /// <summary>Every user of the tenant, enabled or not, by display name: for owner filters and for naming owners.</summary>
    Task<IReadOnlyList<DirectoryUser>> ListAsync(CancellationToken cancellationToken);
}
