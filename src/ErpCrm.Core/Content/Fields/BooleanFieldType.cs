using System.Text.Json.Nodes;
using ErpCrm.Content;

namespace ErpCrm.Core.Content.Fields;

/// <summary>
/// <c>BooleanField</c>: <c>{"Value": true}</c> ("true"/"false" text is accepted and stored as a boolean). Settings
/// <c>BooleanFieldSettings</c>: Hint, Label, DefaultValue. Required means a value must be given, not that it must be true.
/// </summary>
internal sealed class BooleanFieldType : ContentFieldTypeBase
{
    public override string Name => "BooleanField";

    public override string DisplayName => "Boolean";

    public override ContentFieldIndexKind IndexKind => ContentFieldIndexKind.Boolean;

    public override ContentFieldIndexValue? Index(JsonObject? value, ContentPartFieldDefinition field) =>
        JsonScalars.TryGetBoolean(value?["Value"], out var flag) ? new ContentFieldIndexValue(Boolean: flag) : null;

    public override string? Display(JsonObject? value, ContentPartFieldDefinition field) =>
        JsonScalars.TryGetBoolean(value?["Value"], out var flag) ? flag ? "Yes" : "No" : null;

    protected override void CheckSettings(SettingsReader settings)
    {
        settings.Text("Label");
        settings.Boolean("DefaultValue");
    }

    protected override void Validate(FieldInput input)
    {
        var node = input.Value["Value"];
        if (!input.Present && input.Settings.TryRead<bool>("DefaultValue", JsonScalars.TryGetBoolean, "true or false", out var defaultValue))
        {
            node = JsonValue.Create(defaultValue);
        }
        if (!input.HasValue(JsonScalars.IsNull(node)))
        {
            return;
        }
        if (!JsonScalars.TryGetBoolean(node, out var flag))
        {
            input.Error("must be true or false");
            return;
        }
        input.Value["Value"] = flag;
    }
}
