using System.Text.Json.Nodes;

namespace ErpCrm.Content;

/// <summary>
/// A part type with behaviour (TitlePart sets the display text, HtmlBodyPart sanitises its HTML…), as opposed to a
/// part defined only by its fields. The kernel provides the common ones; a module adds its own by registering an
/// implementation (used while its feature is on). A part that no enabled module provides is kept as a plain part.
/// </summary>
public interface IContentPartType
{
    /// <summary>The part's name as definitions spell it, e.g. <c>TitlePart</c>.</summary>
    string Name { get; }

    /// <summary>What admins read when they attach the part.</summary>
    string DisplayName { get; }

    /// <summary>Checks the settings of the part as attached to a type (its <c>{Name}Settings</c> object); errors keyed by path + setting.</summary>
    void ValidateSettings(ContentTypePartDefinition part, string path, IDictionary<string, string> errors) { }

    /// <summary>Checks the part's value in an item about to be saved and brings it to its stored form; may set item metadata (DisplayText).</summary>
    ValueTask ValidateAsync(ContentPartContext context);
}

/// <summary>One part's value being saved.</summary>
public sealed class ContentPartContext
{
    /// <summary>The item (version) being saved.</summary>
    public required ContentItem Item { get; init; }

    /// <summary>The item's content type.</summary>
    public required ContentTypeDefinition Type { get; init; }

    /// <summary>The part as attached to the type.</summary>
    public required ContentTypePartDefinition Part { get; init; }

    /// <summary>The part's JSON object in the item (created empty when the item carried none).</summary>
    public required JsonObject Value { get; init; }

    /// <summary>The part's path in the item (its attachment name); errors are keyed by it + "." + property.</summary>
    public required string Path { get; init; }

    /// <summary>Errors by path. Add to it; never remove.</summary>
    public required IDictionary<string, string> Errors { get; init; }

    /// <summary>Cancels the save.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Adds an error for the part (or one of its properties).</summary>
    public void AddError(string message, string? property = null) =>
        Errors.TryAdd(property is null ? Path : $"{Path}.{property}", message);
}
