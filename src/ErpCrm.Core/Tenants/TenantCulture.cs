using ErpCrm.Money;
using ErpCrm.Tenants;

namespace ErpCrm.Core.Tenants;

/// <summary><see cref="ITenantCulture"/> from the tenant's <c>Culture</c> setting; read once per unit of work.</summary>
public sealed class TenantCulture(SiteSettings settings) : ITenantCulture
{
    public const string Setting = "Culture";

    private FormNumbers? _numbers;

    public async Task<FormNumbers> GetNumbersAsync(CancellationToken cancellationToken) =>
        _numbers ??= new FormNumbers(await settings.GetAsync(Setting, cancellationToken));
}
