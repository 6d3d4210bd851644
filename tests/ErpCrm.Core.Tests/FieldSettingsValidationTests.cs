using ErpCrm.Content;
using ErpCrm.Core.Content;
using Microsoft.Extensions.DependencyInjection;
using static ErpCrm.Core.Tests.ContentFieldTestHarness;

namespace ErpCrm.Core.Tests;

/// <summary>Field settings are checked when a definition is saved; errors are keyed by path, settings object and setting.</summary>
public sealed class FieldSettingsValidationTests
{
    [Theory]
    [InlineData("TextField", """{"TextFieldSettings": {"MaxLength": "abc"}}""", "Field.TextFieldSettings.MaxLength", "MaxLength must be a whole number from 1 to 2147483647.")]
    [InlineData("TextField", """{"TextFieldSettings": {"MaxLength": -1}}""", "Field.TextFieldSettings.MaxLength", "MaxLength must be a whole number from 1 to 2147483647.")]
    [InlineData("TextField", """{"TextFieldSettings": {"Multiline": "sometimes"}}""", "Field.TextFieldSettings.Multiline", "Multiline must be true or false.")]
    [InlineData("TextField", """{"TextFieldSettings": "big"}""", "Field.TextFieldSettings", "TextFieldSettings must be a JSON object.")]
    [InlineData("TextField", """{"ContentPartFieldSettings": {"Required": "maybe"}}""", "Field.ContentPartFieldSettings.Required", "Required must be true or false.")]
    [InlineData("NumericField", """{"NumericFieldSettings": {"Scale": 11}}""", "Field.NumericFieldSettings.Scale", "Scale must be a whole number from 0 to 10.")]
    [InlineData("NumericField", """{"NumericFieldSettings": {"Minimum": 10, "Maximum": 1}}""", "Field.NumericFieldSettings.Minimum", "Minimum (10) must not be greater than Maximum (1).")]
    [InlineData("NumericField", """{"NumericFieldSettings": {"Maximum": "lots"}}""", "Field.NumericFieldSettings.Maximum", "Maximum must be a number.")]
    [InlineData("MoneyField", """{"MoneyFieldSettings": {"Currency": "eur"}}""", "Field.MoneyFieldSettings.Currency", "Currency 'eur' is not a known ISO 4217 currency code (three uppercase letters, e.g. EUR).")]
    [InlineData("MoneyField", """{"MoneyFieldSettings": {"Minimum": 5, "Maximum": 0}}""", "Field.MoneyFieldSettings.Minimum", "Minimum (5) must not be greater than Maximum (0).")]
    [InlineData("DateField", """{"DateFieldSettings": {"Minimum": "2026-02-01", "Maximum": "2026-01-01"}}""", "Field.DateFieldSettings.Minimum", "Minimum (2026-02-01) must not be after Maximum (2026-01-01).")]
    [InlineData("DateField", """{"DateFieldSettings": {"Maximum": "soon"}}""", "Field.DateFieldSettings.Maximum", "Maximum must be a date such as 2026-01-31.")]
    [InlineData("EnumerationField", """{"EnumerationFieldSettings": {}}""", "Field.EnumerationFieldSettings.Options", "Options must list at least one option.")]
    [InlineData("EnumerationField", """{"EnumerationFieldSettings": {"Options": []}}""", "Field.EnumerationFieldSettings.Options", "Options must list at least one option.")]
    [InlineData("EnumerationField", """{"EnumerationFieldSettings": {"Options": ["a", "A"]}}""", "Field.EnumerationFieldSettings.Options", "Options lists 'a' more than once.")]
    [InlineData("EnumerationField", """{"EnumerationFieldSettings": {"Options": [1]}}""", "Field.EnumerationFieldSettings.Options", "Options must be a list of options (text, or objects with Value and Text).")]
    [InlineData("EnumerationField", """{"EnumerationFieldSettings": {"Options": ["a"], "DefaultValue": "b"}}""", "Field.EnumerationFieldSettings.DefaultValue", "DefaultValue 'b' is not one of the options.")]
    [InlineData("ContentPickerField", """{"ContentPickerFieldSettings": {"DisplayedContentTypes": "Account"}}""", "Field.ContentPickerFieldSettings.DisplayedContentTypes", "DisplayedContentTypes must be a list of text.")]
    [InlineData("LinkField", """{"LinkFieldSettings": {"LinkTextMode": "Sometimes"}}""", "Field.LinkFieldSettings.LinkTextMode", "LinkTextMode must be one of Optional, Required, Static, Url.")]
    [InlineData("LinkField", """{"LinkFieldSettings": {"DefaultUrl": "javascript:x"}}""", "Field.LinkFieldSettings.DefaultUrl", "DefaultUrl must be an http, https or mailto address, or a path on this site starting with '/'.")]
    [InlineData("BooleanField", """{"BooleanFieldSettings": {"DefaultValue": "yes"}}""", "Field.BooleanFieldSettings.DefaultValue", "DefaultValue must be true or false.")]
    public void Wrong_settings_are_reported_under_their_own_key(string fieldType, string settings, string key, string error)
    {
        var errors = CheckSettings(fieldType, settings);

        Assert.Equal(error, Assert.Single(errors, e => e.Key == key).Value);
        Assert.Single(errors);
    }

    [Fact]
    public void An_invalid_pattern_is_a_settings_error()
    {
        var errors = CheckSettings("TextField", """{"TextFieldSettings": {"Pattern": "[a-"}}""");

        Assert.StartsWith("Pattern is not a valid regular expression: ", Assert.Single(errors, e => e.Key == "Field.TextFieldSettings.Pattern").Value);
    }

    [Theory]
    [InlineData("TextField", """{"TextFieldSettings": {"Hint": "Legal name", "Required": "True", "Type": 0, "Editor": "Standard"}, "ContentIndexSettings": {}}""")]
    [InlineData("NumericField", """{"NumericFieldSettings": {"Scale": "2", "Minimum": "0", "Maximum": null, "Placeholder": "0.00", "DefaultValue": ""}}""")]
    [InlineData("MoneyField", """{"MoneyFieldSettings": {"Currency": "CHF"}}""")]
    [InlineData("ContentPickerField", """{"ContentPickerFieldSettings": {"Multiple": false, "DisplayAllContentTypes": true, "DisplayedContentTypes": [], "DisplayedStereotypes": []}}""")]
    [InlineData("LinkField", """{"LinkFieldSettings": {"LinkTextMode": 0, "UrlPlaceholder": "https://", "DefaultTarget": "_blank"}}""")]
    [InlineData("EnumerationField", """{"EnumerationFieldSettings": {"Options": [{"Value": "a", "Text": "A"}, "b"], "DefaultValue": ["b"], "Multiple": true}}""")]
    [InlineData("DateField", "{}")]
    public void Settings_as_Orchard_recipes_write_them_are_accepted(string fieldType, string settings)
    {
        Assert.Empty(CheckSettings(fieldType, settings));
    }

    [Fact]
    public void Every_kernel_field_and_part_type_is_registered_once_under_its_name()
    {
        var services = new ServiceCollection().AddKernelContentTypes().AddKernelContentTypes().BuildServiceProvider();

        var fields = services.GetServices<IContentFieldType>().Select(f => f.Name).ToList();
        var parts = services.GetServices<IContentPartType>().Select(p => p.Name).ToList();

        Assert.Equal(["TextField", "HtmlField", "MarkdownField", "NumericField", "MoneyField", "BooleanField", "DateField", "DateTimeField",
            "EnumerationField", "ContentPickerField", "UserPickerField", "LinkField", "EmailField", "PhoneField"], fields);
        Assert.Equal(["TitlePart", "HtmlBodyPart", "MarkdownBodyPart", "CommonPart", "AliasPart", "AutoroutePart"], parts);
    }
}
