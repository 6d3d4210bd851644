using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Money;
using ErpCrm.Tenants;

namespace ErpCrm.Core.Tenants;

/// <summary><see cref="ITenantCulture"/> from the tenant's <c>Culture</c> setting; read once per unit of work.</summary>
public sealed class TenantCulture(SiteSettings settings) : ITenantCulture
{
    public const string Setting = "Culture";

    /// <summary>
    /// What is wrong with a value for the <c>Culture</c> setting (one of <see cref="FormNumbers.Cultures"/>), or null: the rule of the
    /// Company settings page and of a recipe's <c>settings</c> step alike.
    /// </summary>
    public static string? Problem(JsonNode? value) =>
        value is JsonValue text && text.GetValueKind() == JsonValueKind.String && Known(text.GetValue<string>()) is not null
            ? null
            : $"Choose one of the cultures listed: {string.Join(", ", FormNumbers.Cultures)}.";

    /// <summary>The culture of <see cref="FormNumbers.Cultures"/> with this name (any case), or null.</summary>
    public static string? Known(string? name) =>
        FormNumbers.Cultures.FirstOrDefault(c => string.Equals(c, name?.Trim(), StringComparison.OrdinalIgnoreCase));

    private FormNumbers? _numbers;

    public async Task<FormNumbers> GetNumbersAsync(CancellationToken cancellationToken) =>
        _numbers ??= new FormNumbers(await settings.GetAsync(Setting, cancellationToken));
}
