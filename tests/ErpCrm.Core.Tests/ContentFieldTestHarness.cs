using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Core.Content.Fields;
using ErpCrm.Core.Content.Parts;

namespace ErpCrm.Core.Tests;

/// <summary>What saving one field (or part) value gave: its stored JSON and the errors, by path.</summary>
internal sealed record Saved(JsonObject Value, Dictionary<string, string> Errors, ContentItem Item)
{
    public string Json => Value.ToJsonString();

    /// <summary>The only error, asserting there is exactly one.</summary>
    public string Error => Assert.Single(Errors).Value;

    public void AssertValid() => Assert.True(Errors.Count == 0, "Unexpected errors: " + string.Join(" | ", Errors.Select(e => $"{e.Key}: {e.Value}")));
}

/// <summary>The lookups pickers make, answered from dictionaries.</summary>
internal sealed class InMemoryReferences : IContentReferences
{
    public Dictionary<string, string> ContentTypes { get; } = [];

    public HashSet<string> Users { get; } = [];

    public Task<string?> ContentTypeOfAsync(string contentItemId, CancellationToken cancellationToken) =>
        Task.FromResult(ContentTypes.GetValueOrDefault(contentItemId));

    public Task<bool> UserExistsAsync(string userId, CancellationToken cancellationToken) => Task.FromResult(Users.Contains(userId));
}

/// <summary>Saves values through a field or part type as the content manager would, for a field of a Lead.</summary>
internal static class ContentFieldTestHarness
{
    public static readonly ContentHtmlSanitizer Sanitizer = new();

    public static ContentPartFieldDefinition Field(string fieldType, string settings = "{}", string name = "ExpectedRevenue") =>
        new(name, fieldType, JsonNode.Parse(settings)!.AsObject());

    public static IContentFieldType TypeOf(string fieldType) => fieldType switch
    {
        "TextField" => new TextFieldType(),
        "HtmlField" => new HtmlFieldType(Sanitizer),
        "MarkdownField" => new MarkdownFieldType(),
        "NumericField" => new NumericFieldType(),
        "MoneyField" => new MoneyFieldType(),
        "BooleanField" => new BooleanFieldType(),
        "DateField" => new DateFieldType(),
        "DateTimeField" => new DateTimeFieldType(),
        "EnumerationField" => new EnumerationFieldType(),
        "ContentPickerField" => new ContentPickerFieldType(),
        "UserPickerField" => new UserPickerFieldType(),
        "LinkField" => new LinkFieldType(),
        "EmailField" => new EmailFieldType(),
        "PhoneField" => new PhoneFieldType(),
        _ => throw new ArgumentOutOfRangeException(nameof(fieldType)),
    };

    /// <summary>Saves <paramref name="value"/> (null: the item does not carry the field) into a field of the given type and settings.</summary>
    public static Task<Saved> Save(string fieldType, string? value, string settings = "{}", IContentReferences? references = null) =>
        Save(TypeOf(fieldType), Field(fieldType, settings), value, references);

    public static async Task<Saved> Save(IContentFieldType type, ContentPartFieldDefinition field, string? value, IContentReferences? references = null)
    {
        var item = new ContentItem { ContentItemId = "lead1", ContentType = "Lead" };
        var json = value is null ? [] : JsonNode.Parse(value)!.AsObject();
        var errors = new Dictionary<string, string>();
        await type.ValidateAsync(new ContentFieldContext
        {
            Item = item,
            Type = new ContentTypeDefinition("Lead", "Lead", [], []),
            Part = new ContentTypePartDefinition("Lead", "Lead", []),
            Field = field,
            Value = json,
            Present = value is not null,
            Path = $"Lead.{field.Name}",
            Errors = errors,
            References = references ?? new InMemoryReferences(),
        });
        return new Saved(json, errors, item);
    }

    /// <summary>Checks a field's settings as a definition step would, under the path "Field".</summary>
    public static Dictionary<string, string> CheckSettings(string fieldType, string settings)
    {
        var errors = new Dictionary<string, string>();
        TypeOf(fieldType).ValidateSettings(Field(fieldType, settings), "Field", errors);
        return errors;
    }

    public static IContentPartType PartTypeOf(string partType) => partType switch
    {
        "TitlePart" => new TitlePartType(),
        "HtmlBodyPart" => new HtmlBodyPartType(Sanitizer),
        "MarkdownBodyPart" => new MarkdownBodyPartType(),
        "CommonPart" => new CommonPartType(),
        "AliasPart" => new AliasPartType(),
        "AutoroutePart" => new AutoroutePartType(),
        _ => throw new ArgumentOutOfRangeException(nameof(partType)),
    };

    /// <summary>Saves a part's value as attached (under its own name) to a Lead with the given attachment settings.</summary>
    public static async Task<Saved> SavePart(string partType, string value, string settings = "{}")
    {
        var item = new ContentItem { ContentItemId = "lead1", ContentType = "Lead" };
        var json = JsonNode.Parse(value)!.AsObject();
        var errors = new Dictionary<string, string>();
        await PartTypeOf(partType).ValidateAsync(new ContentPartContext
        {
            Item = item,
            Type = new ContentTypeDefinition("Lead", "Lead", [], []),
            Part = new ContentTypePartDefinition(partType, partType, JsonNode.Parse(settings)!.AsObject()),
            Value = json,
            Path = partType,
            Errors = errors,
        });
        return new Saved(json, errors, item);
    }

    /// <summary>Index and Display of a stored value.</summary>
    public static (ContentFieldIndexValue? Index, string? Display) Read(string fieldType, string value, string settings = "{}")
    {
        var type = TypeOf(fieldType);
        var field = Field(fieldType, settings);
        var json = JsonNode.Parse(value)!.AsObject();
        return (type.Index(json, field), type.Display(json, field));
    }
}
