using System.Globalization;
using System.Text.Json.Nodes;
using ErpCrm.Content;

namespace ErpCrm.Tests.Modules.Services;

/// <summary>
/// The admin UI of <see cref="RatingFieldType"/>, as a module brings one: a number input of stars within the field's bounds, a
/// filter "at least n stars", and a settings form of the bounds. Its views are the module's own partials.
/// </summary>
public sealed class RatingFieldEditor : IContentFieldEditor
{
    public string FieldType => "RatingField";

    public string EditorView => "/Pages/Admin/Test/_RatingFieldEditor.cshtml";

    public string? FilterView => "/Pages/Admin/Test/_RatingFieldFilter.cshtml";

    public string? SettingsView => "/Pages/Admin/Test/_RatingFieldSettings.cshtml";

    public object? CreateModel(ContentFieldEditorContext field)
    {
        var (minimum, maximum) = RatingFieldType.Bounds(field.Definition);
        return new RatingBounds(minimum, maximum);
    }

    public void Read(ContentFieldEditorContext field, JsonObject? value, IDictionary<string, string[]> inputs) =>
        inputs[field.Path] = [value?["Stars"]?.ToJsonString() ?? ""];

    public void Write(ContentFieldEditorContext field, IReadOnlyDictionary<string, string[]> form, JsonObject value, IDictionary<string, string> errors)
    {
        var text = form.TryGetValue(field.Path, out var values) && values.Length > 0 ? values[0].Trim() : "";
        // What does not read as a number goes on as typed: the field type refuses it under the field.
        value["Stars"] = text.Length == 0 ? null
            : decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var stars) ? JsonValue.Create(stars) : JsonValue.Create(text);
    }

    public string? Filter(ContentFieldEditorContext field, Func<string, string> query) =>
        query(field.FromName) is { Length: > 0 } atLeast ? ">=" + atLeast : null;

    public void ReadSettings(JsonObject settings, IDictionary<string, string[]> inputs)
    {
        inputs["Minimum"] = [settings["Minimum"]?.ToJsonString() ?? ""];
        inputs["Maximum"] = [settings["Maximum"]?.ToJsonString() ?? ""];
    }

    public void WriteSettings(IReadOnlyDictionary<string, string[]> form, JsonObject settings, IDictionary<string, string> errors)
    {
        var minimum = Bound(form, "Minimum", settings, errors);
        var maximum = Bound(form, "Maximum", settings, errors);
        if (minimum > maximum)
        {
            errors["Maximum"] = "The most stars must not be fewer than the fewest.";
        }
    }

    private static int? Bound(IReadOnlyDictionary<string, string[]> form, string name, JsonObject settings, IDictionary<string, string> errors)
    {
        var text = form.TryGetValue(name, out var values) && values.Length > 0 ? values[0].Trim() : "";
        if (text.Length == 0)
        {
            settings.Remove(name);
            return null;
        }
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var stars) && stars is >= RatingFieldType.Lowest and <= RatingFieldType.Highest)
        {
            settings[name] = stars;
            return stars;
        }
        errors[name] = $"Enter a whole number of stars from {RatingFieldType.Lowest} to {RatingFieldType.Highest}, or leave it empty.";
        return null;
    }
}

/// <summary>The views' model: the fewest and the most stars a field allows.</summary>
public sealed record RatingBounds(int Minimum, int Maximum);
