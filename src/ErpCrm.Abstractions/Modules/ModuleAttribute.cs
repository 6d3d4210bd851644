namespace ErpCrm.Modules;

/// <summary>
/// Marks an assembly as an ErpCrm module. Put it in the module's <c>Manifest.cs</c> together with one
/// <see cref="FeatureAttribute"/> per feature the module offers.
/// </summary>
/// <example><code>
/// [assembly: Module(Name = "Tickets", Author = "ErpCrm", Version = "1.0.0")]
/// [assembly: Feature(Id = "ErpCrm.Tickets", Name = "Tickets", Category = "Support",
///     Dependencies = ["ErpCrm.Contacts"])]
/// </code></example>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false)]
public sealed class ModuleAttribute : Attribute
{
    /// <summary>The module's display name. Defaults to the assembly name.</summary>
    public string? Name { get; set; }

    /// <summary>What the module does, in one sentence.</summary>
    public string Description { get; set; } = "";

    /// <summary>Who wrote the module.</summary>
    public string Author { get; set; } = "";

    /// <summary>The module's version (semantic versioning).</summary>
    public string Version { get; set; } = "1.0.0";

    /// <summary>Where to read more about the module.</summary>
    public string Website { get; set; } = "";

    /// <summary>The category used for features that do not name their own.</summary>
    public string Category { get; set; } = "";
}
