namespace ErpCrm.Core.Identity;

/// <summary>
/// What a set of roles allows: everything for an Administrator, else the union of the roles' permissions. Used to
/// keep anyone from handing out, or taking over, more than they hold.
/// </summary>
public sealed record Authority(bool IsAdministrator, IReadOnlySet<string> Permissions)
{
    /// <summary>What the system holds: everything, like an Administrator.</summary>
    public static readonly Authority Everything = new(true, new HashSet<string>());

    /// <summary>What an anonymous or disabled caller holds.</summary>
    public static readonly Authority Nothing = new(false, new HashSet<string>());

    public static Authority Of(IEnumerable<string> roleNames, IReadOnlyList<RoleRecord> roles)
    {
        var names = roleNames.ToHashSet(StringComparer.OrdinalIgnoreCase);
        return new Authority(
            names.Contains(KernelPermissions.AdministratorRole),
            roles.Where(r => names.Contains(r.Name)).SelectMany(r => r.Permissions).ToHashSet(StringComparer.Ordinal));
    }

    public bool Holds(string permission) => IsAdministrator || Permissions.Contains(permission);

    /// <summary>True when this holds everything <paramref name="other"/> does; only an Administrator covers an Administrator.</summary>
    public bool Covers(Authority other) => IsAdministrator || (!other.IsAdministrator && other.Permissions.All(Permissions.Contains));
}
