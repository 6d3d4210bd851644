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

/// <summary>A module's own field type: a rating from 1 to 5 stars, <c>{"Stars": 4}</c>.</summary>
public sealed class RatingFieldType : IContentFieldType
{
    public string Name => "RatingField";

    public string DisplayName => "Rating (1–5 stars)";

    public void ValidateSettings(ContentPartFieldDefinition field, string path, IDictionary<string, string> errors)
    {
    }

    public ValueTask ValidateAsync(ContentFieldContext context)
    {
        if (context.Value["Stars"] is { } stars && !(stars.GetValueKind() == System.Text.Json.JsonValueKind.Number && stars.GetValue<int>() is >= 1 and <= 5))
        {
            context.AddError("A rating is from 1 to 5 stars.", "Stars");
        }
        return ValueTask.CompletedTask;
    }

    public ContentFieldIndexValue? Index(JsonObject? value, ContentPartFieldDefinition field) =>
        value?["Stars"] is { } stars ? new ContentFieldIndexValue(Number: stars.GetValue<int>()) : null;

    public string? Display(JsonObject? value, ContentPartFieldDefinition field) => value?["Stars"] is { } stars ? $"{stars} stars" : null;
}
