using System.Text.Json.Nodes;

namespace ErpCrm.Content;

/// <summary>
/// A kind of content field (TextField, NumericField, MoneyField…): how its settings and values are checked, what
/// the field index holds for it and how a value reads in lists, diffs and the audit trail. The kernel provides the
/// common ones; a module adds its own by registering an implementation in its startup (used while its feature is on).
/// A field whose type no enabled module provides is kept as it is, unchecked.
/// </summary>
public interface IContentFieldType
{
    /// <summary>The field type's name as definitions spell it, e.g. <c>TextField</c>.</summary>
    string Name { get; }

    /// <summary>What admins read when they pick a field type.</summary>
    string DisplayName { get; }

    /// <summary>
    /// Checks the settings of a field of this type (its <c>{Name}Settings</c> object and the common
    /// <see cref="ContentSettingNames.ContentPartFieldSettings"/>); adds an error per bad setting, keyed by
    /// <paramref name="path"/> + the setting's name.
    /// </summary>
    void ValidateSettings(ContentPartFieldDefinition field, string path, IDictionary<string, string> errors);

    /// <summary>
    /// Checks the field's value in an item about to be saved and brings it to its stored form (e.g. sanitised
    /// HTML, money with exactly its currency's decimals). Adds errors keyed by <see cref="ContentFieldContext.Path"/>
    /// (+ "." + a property where it helps); the item is not saved when any error is added.
    /// </summary>
    ValueTask ValidateAsync(ContentFieldContext context);

    /// <summary>
    /// Which member of <see cref="ContentFieldIndexValue"/> <see cref="Index"/> fills, so that list filters and sorts compare
    /// values as numbers, dates, yes/no or text. Text unless the type says otherwise.
    /// </summary>
    ContentFieldIndexKind IndexKind => ContentFieldIndexKind.Text;

    /// <summary>What the field index holds for the value, or null for nothing (an empty value).</summary>
    ContentFieldIndexValue? Index(JsonObject? value, ContentPartFieldDefinition field);

    /// <summary>The value as a person reads it, for lists, version diffs and the audit trail; null when empty.</summary>
    string? Display(JsonObject? value, ContentPartFieldDefinition field);
}

/// <summary>
/// One field's value being saved. <see cref="Value"/> is the field's JSON object inside its part (created empty when the
/// item has none, so that a type may set a default); replace its properties to normalise it.
/// </summary>
public sealed class ContentFieldContext
{
    /// <summary>The item (version) being saved.</summary>
    public required ContentItem Item { get; init; }

    /// <summary>The item's content type.</summary>
    public required ContentTypeDefinition Type { get; init; }

    /// <summary>The part of the type the field belongs to (its attachment name is the JSON property).</summary>
    public required ContentTypePartDefinition Part { get; init; }

    /// <summary>The field's definition.</summary>
    public required ContentPartFieldDefinition Field { get; init; }

    /// <summary>The field's JSON object in the item; empty when the item carried none.</summary>
    public required JsonObject Value { get; init; }

    /// <summary>Whether the item carried the field at all (an empty object counts as carried).</summary>
    public required bool Present { get; init; }

    /// <summary>The field's path in the item, e.g. <c>Lead.ExpectedRevenue</c>; errors are keyed by it.</summary>
    public required string Path { get; init; }

    /// <summary>Errors by path. Add to it; never remove.</summary>
    public required IDictionary<string, string> Errors { get; init; }

    /// <summary>Looks up what pickers point at.</summary>
    public required IContentReferences References { get; init; }

    /// <summary>Cancels the save.</summary>
    public CancellationToken CancellationToken { get; init; }

    /// <summary>Adds an error for the field (or one of its properties).</summary>
    public void AddError(string message, string? property = null) =>
        Errors.TryAdd(property is null ? Path : $"{Path}.{property}", message);
}

/// <summary>The kind of value a field type puts in the field index.</summary>
public enum ContentFieldIndexKind
{
    /// <summary><see cref="ContentFieldIndexValue.Text"/>.</summary>
    Text,
    /// <summary><see cref="ContentFieldIndexValue.Number"/>.</summary>
    Number,
    /// <summary><see cref="ContentFieldIndexValue.Date"/>.</summary>
    Date,
    /// <summary><see cref="ContentFieldIndexValue.Boolean"/>.</summary>
    Boolean,
}

/// <summary>What the field index holds for a value: one of these is set.</summary>
/// <param name="Text">Text, compared ignoring case (stored as given, searched lower-cased).</param>
/// <param name="Number">A number (a money amount in its major unit).</param>
/// <param name="Date">A date or date-time as ISO 8601 text that sorts in time order (UTC for date-times).</param>
/// <param name="Boolean">A yes/no value.</param>
public sealed record ContentFieldIndexValue(string? Text = null, decimal? Number = null, string? Date = null, bool? Boolean = null);

/// <summary>Lookups that picker fields need to check their targets.</summary>
public interface IContentReferences
{
    /// <summary>The content type of the latest, not removed version of the item, or null when there is none.</summary>
    Task<string?> ContentTypeOfAsync(string contentItemId, CancellationToken cancellationToken);

    /// <summary>Whether a user with this id exists in the tenant.</summary>
    Task<bool> UserExistsAsync(string userId, CancellationToken cancellationToken);
}
