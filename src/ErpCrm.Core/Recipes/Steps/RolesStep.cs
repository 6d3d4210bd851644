using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Core.Identity;
using ErpCrm.Recipes;

namespace ErpCrm.Core.Recipes.Steps;

/// <summary>
/// <c>Roles</c> (Orchard Core's <c>{"Roles": [{"Name", "Description", "Permissions": [...]}]}</c>): creates each role or sets
/// its description and permissions to the ones given. Permissions must be declared by a feature that is on.
/// </summary>
internal sealed class RolesStep(RoleStore roles, PermissionCatalog permissions) : IRecipeStep
{
    public string Name => "Roles";

    public void Validate(RecipeStepContext context)
    {
        foreach (var (index, role) in StepShapes.Objects(context, "Roles", "roles"))
        {
            var path = $"{context.PropertyName("Roles")}[{index}]";
            if (role["Name"] is not JsonValue name || name.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(name.GetValue<string>()))
            {
                context.AddError($"{path}.Name", "every role needs a Name.");
            }
            else if (RoleService.CheckName(name.GetValue<string>()) is { } nameError)
            {
                // The rules of the roles API, so that a recipe stores no role the API would refuse (nor one too long for the table).
                context.AddError($"{path}.Name", nameError);
            }
            if (role["Description"] is JsonValue description && description.GetValueKind() == JsonValueKind.String
                && description.GetValue<string>().Trim().Length > RoleService.MaxDescriptionLength)
            {
                context.AddError($"{path}.Description", $"A description has at most {RoleService.MaxDescriptionLength} characters.");
            }
            if (role["Permissions"] is { } granted && (granted is not JsonArray list || list.Any(p => p is not JsonValue v || v.GetValueKind() != JsonValueKind.String)))
            {
                context.AddError($"{path}.Permissions", "must be an array of permission names.");
            }
        }
    }

    public async Task RunAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var declared = (await permissions.NamesAsync(cancellationToken)).ToHashSet(StringComparer.Ordinal);
        foreach (var (index, role) in StepShapes.Objects(context, "Roles", "roles"))
        {
            var path = $"{context.PropertyName("Roles")}[{index}]";
            var name = role["Name"]!.GetValue<string>().Trim();
            var granted = (role["Permissions"] as JsonArray ?? []).Select(p => p!.GetValue<string>()).Distinct(StringComparer.Ordinal).ToList();
            var unknown = granted.Where(p => !declared.Contains(p)).ToList();
            if (unknown.Count > 0)
            {
                context.AddError($"{path}.Permissions", $"unknown permissions (no enabled feature declares them): {string.Join(", ", unknown.Select(p => $"'{p}'"))}.");
                return;
            }
            var description = role["Description"] is JsonValue d && d.GetValueKind() == JsonValueKind.String ? d.GetValue<string>() : "";
            if (await roles.FindAsync(name, cancellationToken) is not { } existing)
            {
                await roles.CreateAsync(name, description, cancellationToken);
                await roles.UpdateAsync(name, description, granted, cancellationToken);
            }
            else if (!string.Equals(existing.Name, KernelPermissions.AdministratorRole, StringComparison.OrdinalIgnoreCase))
            {
                await roles.UpdateAsync(existing.Name, description, granted, cancellationToken);
            }
        }
    }
}
