namespace ErpCrm.Core.Modules;

/// <summary>Marks a migration of the host database (not of a tenant's); the module catalog skips these.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class HostMigrationAttribute : Attribute;
