using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ErpCrm.Content;
using ErpCrm.Web.Admin.ContentTypes;

namespace ErpCrm.Web.Admin.Content.Fields;

/// <summary><c>NumericField {"Value": 12.5}</c>: a number input with the settings' bounds and decimals; a range filter; a settings form.</summary>
public sealed class NumericFieldEditor() : WidgetFieldEditor("NumericField")
{
    public override string? SettingsView => "/Pages/Admin/ContentParts/_NumericFieldSettings.cshtml";

    protected override ContentFieldEditor Describe(ContentFieldEditor field, JsonObject settings) => field with
    {
        Widget = ContentWidget.Number, FilterKind = ContentFilterKind.NumberRange,
        Step = ContentEditor.Number(settings, "Scale") is { } scale and >= 0 and <= 10 ? (1m / ContentEditor.Pow10((int)scale)).ToString(CultureInfo.InvariantCulture) : "any",
        Min = ContentEditor.Number(settings, "Minimum")?.ToString(CultureInfo.InvariantCulture), Max = ContentEditor.Number(settings, "Maximum")?.ToString(CultureInfo.InvariantCulture),
    };

    public override void Read(ContentFieldEditorContext field, JsonObject? value, IDictionary<string, string[]> inputs) =>
        inputs[field.Path] = [field.Numbers.Show(Scalar(value?["Value"]))];

    /// <summary>The number as the tenant types it; text that is not one is the field's error (the stored value stays, the typed text shows).</summary>
    public override void Write(ContentFieldEditorContext field, IReadOnlyDictionary<string, string[]> form, JsonObject value, IDictionary<string, string> errors)
    {
        if (NullIfEmpty(First(form, field.Path)) is not { } text)
        {
            value["Value"] = null;
        }
        else if (field.Numbers.ToInvariant(text) is { } invariant && decimal.TryParse(invariant, NumberStyles.Number, CultureInfo.InvariantCulture, out var number))
        {
            value["Value"] = JsonValue.Create(number);
        }
        else
        {
            errors[field.Path] = field.Numbers.NotANumber(field.Label);
        }
    }

    protected internal override void ApplySettings(FieldTypeSettingsForm form, JsonObject settings, IDictionary<string, string> errors)
    {
        var minimum = FieldTypeSettingsForm.Number(form.Minimum, nameof(form.Minimum), errors);
        var maximum = FieldTypeSettingsForm.Number(form.Maximum, nameof(form.Maximum), errors);
        if (minimum is { } min && maximum is { } max && min > max)
        {
            errors[nameof(form.Maximum)] = "The maximum must not be less than the minimum.";
        }
        FieldTypeSettingsForm.Set(settings, "Minimum", minimum is { } low ? JsonValue.Create(low) : null);
        FieldTypeSettingsForm.Set(settings, "Maximum", maximum is { } high ? JsonValue.Create(high) : null);
        FieldTypeSettingsForm.Set(settings, "Scale", FieldTypeSettingsForm.WholeNumber(form.Scale, nameof(form.Scale), 0, 10, errors));
    }
}

/// <summary><c>MoneyField {"Amount", "Currency"}</c>: an amount and a currency (fixed when the settings name one); a range filter on the amount.</summary>
public sealed partial class MoneyFieldEditor() : WidgetFieldEditor("MoneyField")
{
    public override string? SettingsView => "/Pages/Admin/ContentParts/_MoneyFieldSettings.cshtml";

    protected override ContentFieldEditor Describe(ContentFieldEditor field, JsonObject settings) =>
        field with { Widget = ContentWidget.Money, FilterKind = ContentFilterKind.NumberRange, Currency = ContentEditor.Text(settings, "Currency") };

    public override void Read(ContentFieldEditorContext field, JsonObject? value, IDictionary<string, string[]> inputs)
    {
        inputs[field.Path + ".Amount"] = [field.Numbers.Show(Scalar(value?["Amount"]))];
        inputs[field.Path + ".Currency"] = [Widget(field).Currency ?? Scalar(value?["Currency"])];
    }

    public override void Write(ContentFieldEditorContext field, IReadOnlyDictionary<string, string[]> form, JsonObject value, IDictionary<string, string> errors)
    {
        // The amount as the tenant types it (the currency's decimals are the validator's); text that is not one is the input's error.
        var amount = NullIfEmpty(First(form, field.Path + ".Amount"));
        if (amount is not null && field.Numbers.ToInvariant(amount) is not { } invariant)
        {
            errors[field.Path + ".Amount"] = field.Numbers.NotANumber(field.Label);
        }
        else
        {
            value["Amount"] = amount is null ? null : field.Numbers.ToInvariant(amount);
        }
        value["Currency"] = Widget(field).Currency ?? NullIfEmpty(First(form, field.Path + ".Currency").ToUpperInvariant());
    }

    protected internal override void ApplySettings(FieldTypeSettingsForm form, JsonObject settings, IDictionary<string, string> errors)
    {
        var currency = form.Currency.Trim().ToUpperInvariant();
        if (currency.Length > 0 && !CurrencyCode().IsMatch(currency))
        {
            errors[nameof(form.Currency)] = "Enter a currency as its three-letter ISO 4217 code, e.g. EUR; or leave it empty to choose per item.";
        }
        FieldTypeSettingsForm.Set(settings, "Currency", currency.Length > 0 ? JsonValue.Create(currency) : null);
    }

    [GeneratedRegex("^[A-Z]{3}$", RegexOptions.CultureInvariant)]
    private static partial Regex CurrencyCode();
}
