using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Core.Identity;
using ErpCrm.Recipes;

namespace ErpCrm.Core.Recipes.Steps;

/// <summary>
/// <c>Roles</c> (Orchard Core's <c>{"Roles": [{"Name", "Description", "Permissions": [...]}]}</c>): creates each role or sets
/// its description and permissions to the ones given, through <see cref="RoleService"/> as <c>/api/roles</c> does — so the
/// runner grants only permissions they hold and changes only roles below their own. The Administrator role is left as it is
/// (it holds everything anyway). Permissions must be declared by a feature that is on.
/// </summary>
internal sealed class RolesStep(RoleStore roles, RoleService service, CurrentActor actor) : IRecipeStep
{
    public string Name => "Roles";

    /// <summary>What <c>/api/roles</c> and the Roles pages require.</summary>
    public IReadOnlyList<string> RequiredPermissions => [KernelPermissions.ManageRoles.Name];

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

    /// <summary>Before anything runs: every permission given is one the runner holds, and every existing role changed is below theirs.</summary>
    public async Task AuthorizeAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var held = await actor.AuthorityAsync(cancellationToken);
        foreach (var (path, name, _, granted) in Read(context))
        {
            if (await roles.FindAsync(name, cancellationToken) is { } existing)
            {
                if (IsAdministrator(existing))
                {
                    continue;
                }
                if (await service.CheckCanChangeAsync(existing, cancellationToken) is { } refused)
                {
                    context.AddError(path, refused.Detail);
                    continue;
                }
            }
            var notHeld = granted.Where(p => !held.Holds(p)).ToList();
            if (notHeld.Count > 0)
            {
                context.AddError($"{path}.Permissions", $"you can only grant permissions you hold yourself: {string.Join(", ", notHeld.Select(p => $"'{p}'"))}.");
            }
        }
    }

    public async Task RunAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        foreach (var (path, name, description, granted) in Read(context))
        {
            var existing = await roles.FindAsync(name, cancellationToken);
            if (existing is not null && IsAdministrator(existing))
            {
                continue;
            }
            var result = existing is null
                ? await service.CreateAsync(new RoleRequest(name, description, granted), cancellationToken)
                : await service.UpdateAsync(existing.Name, new RoleRequest(null, description, granted), cancellationToken);
            if (result.Failure is { } failure)
            {
                if (failure.Errors.Count == 0)
                {
                    context.AddError(path, failure.Detail);
                }
                foreach (var (field, reason) in failure.Errors)
                {
                    context.AddError($"{path}.{char.ToUpperInvariant(field[0])}{field[1..]}", reason);
                }
                return;
            }
        }
    }

    private static IEnumerable<(string Path, string Name, string Description, IReadOnlyList<string> Granted)> Read(RecipeStepContext context) =>
        StepShapes.Objects(context, "Roles", "roles").Select(entry => (
            $"{context.PropertyName("Roles")}[{entry.Index}]",
            entry.Item["Name"]!.GetValue<string>().Trim(),
            entry.Item["Description"] is JsonValue d && d.GetValueKind() == JsonValueKind.String ? d.GetValue<string>() : "",
            (IReadOnlyList<string>)(entry.Item["Permissions"] as JsonArray ?? []).Select(p => p!.GetValue<string>()).Distinct(StringComparer.Ordinal).ToList()));

    private static bool IsAdministrator(RoleRecord role) => string.Equals(role.Name, KernelPermissions.AdministratorRole, StringComparison.OrdinalIgnoreCase);
}
