using ErpCrm.Core.Content;

namespace ErpCrm.Core.Recipes.Steps;

/// <summary><c>ReplaceContentDefinition</c>: Orchard Core's name for a <see cref="ContentDefinitionStep"/> (a definition in a recipe is whole anyway).</summary>
internal sealed class ReplaceContentDefinitionStep(ContentDefinitionStore store, ContentDefinitionChecker checker) : ContentDefinitionStep(store, checker)
{
    public override string Name => "ReplaceContentDefinition";
}
