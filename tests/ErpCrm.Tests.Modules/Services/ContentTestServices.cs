using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Data;

namespace ErpCrm.Tests.Modules.Services;

/// <summary>Logs every lifecycle event in the unit of work of the change, and refuses items whose display text is "Refuse me".</summary>
public sealed class LoggingContentHandler(IUnitOfWork unitOfWork) : IContentHandler
{
    public const string RefusedText = "Refuse me";

    public Task CreatingAsync(ContentContext context) => RefuseOrLogAsync(context, "creating");

    public Task CreatedAsync(ContentContext context) => LogAsync(context, "created");

    public Task UpdatingAsync(ContentContext context) => RefuseOrLogAsync(context, "updating");

    public Task UpdatedAsync(ContentContext context) => LogAsync(context, "updated");

    public Task PublishingAsync(ContentContext context) => LogAsync(context, "publishing");

    public Task PublishedAsync(ContentContext context) => LogAsync(context, "published");

    public Task RemovingAsync(ContentContext context) => LogAsync(context, "removing");

    public Task RemovedAsync(ContentContext context) => LogAsync(context, "removed");

    private Task RefuseOrLogAsync(ContentContext context, string name)
    {
        if (context.Item.DisplayText == RefusedText)
        {
            context.Errors["DisplayText"] = "The test handler refuses this display text.";
            return Task.CompletedTask;
        }
        return LogAsync(context, name);
    }

    private Task LogAsync(ContentContext context, string name) =>
        unitOfWork.ExecuteAsync("INSERT INTO test_content_events (content_item_id, event) VALUES (@id, @name)",
            new { id = context.Item.ContentItemId, name }, context.CancellationToken);
}

/// <summary>A module's typed index of its part: PriorityPart.Priority as a column.</summary>
public sealed class PriorityPartIndex : ContentPartIndex
{
    public override string Table => "test_priority_index";

    public override string PartName => "PriorityPart";

    public override IReadOnlyDictionary<string, object?> Map(ContentItem item, JsonObject part) =>
        new Dictionary<string, object?> { ["priority"] = part["Priority"]?.GetValue<string>() };
}

/// <summary>
/// A module's own field type: a rating in whole stars, <c>{"Stars": 4}</c>, from <c>RatingFieldSettings.Minimum</c> to
/// <c>Maximum</c> (1 to 5 unless they say otherwise; both from 1 to 10). Indexed as a number, so lists filter it by range.
/// Its admin editor, filter and settings form are <see cref="RatingFieldEditor"/>.
/// </summary>
public sealed class RatingFieldType : IContentFieldType
{
    public const int Lowest = 1;
    public const int Highest = 10;

    public string Name => "RatingField";

    public string DisplayName => "Rating (1–5 stars)";

    public ContentFieldIndexKind IndexKind => ContentFieldIndexKind.Number;

    public void ValidateSettings(ContentPartFieldDefinition field, string path, IDictionary<string, string> errors)
    {
        var settings = field.Settings["RatingFieldSettings"] as JsonObject;
        foreach (var name in new[] { "Minimum", "Maximum" })
        {
            if (settings?[name] is { } node && !(WholeNumber(node) is >= Lowest and <= Highest))
            {
                errors[$"{path}.RatingFieldSettings.{name}"] = $"{name} must be a whole number from {Lowest} to {Highest}.";
            }
        }
        if (Bounds(field) is var (minimum, maximum) && minimum > maximum)
        {
            errors.TryAdd($"{path}.RatingFieldSettings.Maximum", "Maximum must not be less than Minimum.");
        }
    }

    public ValueTask ValidateAsync(ContentFieldContext context)
    {
        var (minimum, maximum) = Bounds(context.Field);
        if (context.Value["Stars"] is { } stars && !(WholeNumber(stars) is { } count && count >= minimum && count <= maximum))
        {
            context.AddError($"A rating is from {minimum} to {maximum} stars.", "Stars");
        }
        return ValueTask.CompletedTask;
    }

    public ContentFieldIndexValue? Index(JsonObject? value, ContentPartFieldDefinition field) =>
        WholeNumber(value?["Stars"]) is { } stars ? new ContentFieldIndexValue(Number: stars) : null;

    public string? Display(JsonObject? value, ContentPartFieldDefinition field) => value?["Stars"] is { } stars ? $"{stars} stars" : null;

    /// <summary>The lowest and highest rating a field allows (its settings, else 1 to 5).</summary>
    public static (int Minimum, int Maximum) Bounds(ContentPartFieldDefinition field)
    {
        var settings = field.Settings["RatingFieldSettings"] as JsonObject;
        return (WholeNumber(settings?["Minimum"]) ?? 1, WholeNumber(settings?["Maximum"]) ?? 5);
    }

    /// <summary>A JSON number that is a whole number, or null.</summary>
    public static int? WholeNumber(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.Number
            && decimal.TryParse(value.ToJsonString(), System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
            && number == decimal.Truncate(number) && number is >= int.MinValue and <= int.MaxValue ? (int)number : null;
}
