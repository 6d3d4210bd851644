using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Data;

namespace ErpCrm.Core.Tenants;

/// <summary>The tenant's settings table: a name and a value (text as it is, anything else as JSON).</summary>
public sealed class SiteSettings(IUnitOfWork unitOfWork)
{
    public Task SetAsync(string name, JsonNode? value, CancellationToken cancellationToken) =>
        unitOfWork.ExecuteAsync(
            "INSERT INTO erp_settings (name, value) VALUES (@name, @value) ON CONFLICT (name) DO UPDATE SET value = excluded.value",
            new { name, value = value is JsonValue text && text.GetValueKind() == JsonValueKind.String ? text.GetValue<string>() : value?.ToJsonString() ?? "null" },
            cancellationToken);

    public Task<string?> GetAsync(string name, CancellationToken cancellationToken) =>
        unitOfWork.QuerySingleOrDefaultAsync<string>("SELECT value FROM erp_settings WHERE name = @name", new { name }, cancellationToken);
}
