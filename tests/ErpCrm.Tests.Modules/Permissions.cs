using ErpCrm.Security;

namespace ErpCrm.Tests.Modules;

/// <summary>Alpha's permissions: its notes and logs are for those who hold <see cref="ManageTestNotes"/>.</summary>
public sealed class Permissions : IPermissionProvider
{
    public static readonly Permission ManageTestNotes = new("ManageTestNotes", "Read and write Alpha's notes and logs");

    public IEnumerable<Permission> GetPermissions() => [ManageTestNotes];
}
