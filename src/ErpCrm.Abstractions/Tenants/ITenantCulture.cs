using ErpCrm.Money;

namespace ErpCrm.Tenants;

/// <summary>
/// The current tenant's culture for forms: how its people type and read numbers (<see cref="FormNumbers"/>), from its <c>Culture</c>
/// site setting (one of <see cref="FormNumbers.Cultures"/>, set on the admin's company settings page or by the <c>settings</c> recipe
/// step; en-US when unset). A page that takes amounts reads what was typed with it and shows amounts back with it; the API stays
/// invariant.
/// </summary>
public interface ITenantCulture
{
    /// <summary>The tenant's numbers (read once per unit of work).</summary>
    Task<FormNumbers> GetNumbersAsync(CancellationToken cancellationToken);
}
