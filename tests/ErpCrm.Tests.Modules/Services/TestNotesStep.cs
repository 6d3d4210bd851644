using System.Text.Json.Nodes;
using ErpCrm.Recipes;

namespace ErpCrm.Tests.Modules.Services;

/// <summary>A module's own recipe step: <c>{"name": "TestNotes", "notes": ["…"]}</c> adds the notes not there yet.</summary>
public sealed class TestNotesStep(NoteService notes) : IRecipeStep
{
    public string Name => "TestNotes";

    public IReadOnlyList<string> RequiredPermissions => [Permissions.ManageTestNotes.Name];

    public void Validate(RecipeStepContext context)
    {
        if (context.Property("notes") is not JsonArray list || list.Any(n => n is not JsonValue v || !v.TryGetValue<string>(out _)))
        {
            context.AddError("notes", "must be an array of texts.");
        }
    }

    public async Task RunAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var existing = await notes.ListAsync(cancellationToken);
        foreach (var text in context.Property("notes")!.AsArray().Select(n => n!.GetValue<string>()).Where(t => !existing.Contains(t)))
        {
            await notes.AddAsync(text, cancellationToken);
        }
    }
}
