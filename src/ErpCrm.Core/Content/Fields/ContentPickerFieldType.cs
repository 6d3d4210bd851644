namespace ErpCrm.Core.Content.Fields;

/// <summary>
/// <c>ContentPickerField</c>: <c>{"ContentItemIds": ["…"]}</c>. Settings <c>ContentPickerFieldSettings</c> (Orchard Core's
/// names): Required, Hint, Multiple, DisplayAllContentTypes, DisplayedContentTypes. Each id must name an item that exists
/// (not removed) and, unless DisplayAllContentTypes is set or DisplayedContentTypes is empty, is of a listed type.
/// Orchard's DisplayedStereotypes and TitlePattern are kept but not used.
/// </summary>
internal sealed class ContentPickerFieldType : IdListFieldType
{
    public override string Name => "ContentPickerField";

    public override string DisplayName => "Content picker";

    protected override string Property => "ContentItemIds";

    protected override string Thing => "item";

    protected override void CheckSettings(SettingsReader settings)
    {
        base.CheckSettings(settings);
        settings.Boolean("DisplayAllContentTypes");
        settings.Strings("DisplayedContentTypes");
    }

    protected override async ValueTask<string?> CheckAsync(FieldInput input, string id)
    {
        var type = await input.Context.References.ContentTypeOfAsync(id, input.CancellationToken);
        if (type is null)
        {
            return $"points to an item that does not exist ('{id}')";
        }
        var allowed = input.Settings.Strings("DisplayedContentTypes") ?? [];
        if (input.Settings.Boolean("DisplayAllContentTypes") || allowed.Count == 0 || allowed.Contains(type, StringComparer.OrdinalIgnoreCase))
        {
            return null;
        }
        return $"points to a {type} ('{id}'); it may point to: {string.Join(", ", allowed)}";
    }
}
