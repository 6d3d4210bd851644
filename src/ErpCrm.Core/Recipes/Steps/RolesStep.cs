using System.Text.Json;
using System.Text.Json.Nodes;
using ErpCrm.Core.Identity;
using ErpCrm.Recipes;

namespace ErpCrm.Core.Recipes.Steps;

/// <summary>
/// <c>Roles</c> (Orchard Core's <c>{"Roles": [{"Name", "Description", "Permissions": [...]}]}</c>): creates each role or sets
/// its description and permissions to the ones given, through <see cref="RoleService"/> as <c>/api/roles</c> does — so the
/// runner grants only permissions they hold and changes only roles below their own. The Administrator role is left as it is
/// (it holds everything anyway). Permissions must be declared by a feature that is on, or that the recipe enables.
/// </summary>
internal sealed class RolesStep(RoleStore roles, RoleService service, CurrentActor actor, PermissionDeclarations declarations) : IRecipeStep
{
    public string Name => "Roles";

    /// <summary>What <c>/api/roles</c> and the Roles pages require.</summary>
    public IReadOnlyList<string> RequiredPermissions => [KernelPermissions.ManageRoles.Name];

    public void Validate(RecipeStepContext context)
    {
        var reader = new RecipeStepReader(context);
        foreach (var (path, role) in reader.Objects("Roles", what: "roles"))
        {
            var name = reader.Text(role, path, "Name", required: true);
            if (name is not null && RoleService.CheckName(name) is { } nameError)
            {
                // The rules of the roles API, so that a recipe stores no role the API would refuse (nor one too long for the table).
                reader.Error(RecipeStepReader.PathOf(role, path, "Name"), nameError);
            }
            if (reader.Text(role, path, "Description") is { } description && description.Trim().Length > RoleService.MaxDescriptionLength)
            {
                reader.Error(RecipeStepReader.PathOf(role, path, "Description"), $"A description has at most {RoleService.MaxDescriptionLength} characters.");
            }
            var (permissionsName, permissions, _) = RecipeStepReader.Field(role, "Permissions");
            if (permissions is not null && (permissions is not JsonArray list || list.Any(p => p is not JsonValue v || v.GetValueKind() != JsonValueKind.String)))
            {
                reader.Error(path + permissionsName, "Permissions must be an array of permission names.");
            }
            else if (permissions is JsonArray granted && !string.Equals(name?.Trim(), KernelPermissions.AdministratorRole, StringComparison.OrdinalIgnoreCase)
                     && declarations.Undeclared(granted.Select(p => p!.GetValue<string>().Trim()), context.Features) is { Count: > 0 } unknown)
            {
                // The roles service refuses these too, but only while the step runs, after the steps before it were applied.
                reader.Error(path + permissionsName,
                    $"Unknown permissions (no feature on or enabled by this recipe declares them): {string.Join(", ", unknown.Select(p => $"'{p}'"))}.");
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
        new RecipeStepReader(context).Objects("Roles", what: "roles").Select(entry => (
            entry.Path.TrimEnd('.'),
            RecipeStepReader.Field(entry.Item, "Name").Node!.GetValue<string>().Trim(),
            RecipeStepReader.Field(entry.Item, "Description").Node is JsonValue d && d.GetValueKind() == JsonValueKind.String ? d.GetValue<string>() : "",
            (IReadOnlyList<string>)(RecipeStepReader.Field(entry.Item, "Permissions").Node as JsonArray ?? []).Select(p => p!.GetValue<string>()).Distinct(StringComparer.Ordinal).ToList()));

    private static bool IsAdministrator(RoleRecord role) => string.Equals(role.Name, KernelPermissions.AdministratorRole, StringComparison.OrdinalIgnoreCase);
}
