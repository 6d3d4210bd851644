namespace ErpCrm.Modules;

/// <summary>
/// On an assembly: declares a feature that admins switch on and off per tenant.
/// On a class (a startup or a migration): ties that class to one feature of its module.
/// </summary>
/// <remarks>
/// Feature ids are global and stable: they are stored in every tenant's database and named in recipes.
/// By convention the main feature of a module has the module's assembly name as its id.
/// </remarks>
[AttributeUsage(AttributeTargets.Assembly | AttributeTargets.Class, AllowMultiple = true)]
public sealed class FeatureAttribute : Attribute
{
    /// <summary>Declares a feature; set <see cref="Id"/> and <see cref="Name"/>.</summary>
    public FeatureAttribute() { }

    /// <summary>Declares a feature, or ties a class to the feature with this id.</summary>
    public FeatureAttribute(string id) => Id = id;

    /// <summary>The feature id, e.g. <c>ErpCrm.Inventory.Valuation</c>.</summary>
    public string Id { get; set; } = "";

    /// <summary>The name admins see. Defaults to the id.</summary>
    public string? Name { get; set; }

    /// <summary>What switching the feature on gives, in one sentence.</summary>
    public string Description { get; set; } = "";

    /// <summary>Groups features on the admin Features page. Defaults to the module's category.</summary>
    public string? Category { get; set; }

    /// <summary>Ids of the features this one needs. Enabling this feature enables them first.</summary>
    public string[] Dependencies { get; set; } = [];

    /// <summary>The feature is on for every tenant and cannot be disabled.</summary>
    public bool IsAlwaysEnabled { get; set; }

    /// <summary>The feature is switched on only as a dependency of another one, never directly.</summary>
    public bool EnabledByDependencyOnly { get; set; }

    /// <summary>The feature may be enabled only on the Default tenant (host administration).</summary>
    public bool DefaultTenantOnly { get; set; }

    /// <summary>
    /// A bridge feature: it turns itself on as soon as all its dependencies are on, and off when one of
    /// them goes off. Admins do not toggle it.
    /// </summary>
    public bool AutoEnable { get; set; }
}
