using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Web.Admin.ContentTypes;

namespace ErpCrm.Web.Tests;

/// <summary>A field type's own settings as the field editor's small forms read and write them.</summary>
public sealed class FieldTypeSettingsFormTests
{
    [Fact]
    public void A_text_fields_form_writes_its_settings_and_keeps_those_it_does_not_show()
    {
        var field = Field("TextField", """{"TextFieldSettings": {"Placeholder": "e.g. ACME", "MaxLength": 10}}""");
        var form = FieldTypeSettingsForm.From(field);
        Assert.Equal("10", form.MaxLength);
        form.MaxLength = " 40 ";
        form.Pattern = "^[A-Z]+$";
        form.Multiline = true;

        var errors = new Dictionary<string, string>();
        AssertJson("""{"Placeholder": "e.g. ACME", "MaxLength": 40, "Pattern": "^[A-Z]+$", "Multiline": true}""", form.ToSettings(field, errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void Wrong_numbers_a_bad_pattern_and_a_bad_currency_are_errors_keyed_by_their_inputs()
    {
        var errors = new Dictionary<string, string>();
        Assert.Null(new FieldTypeSettingsForm { Minimum = "10", Maximum = "2", Scale = "11" }.ToSettings(Field("NumericField"), errors));
        Assert.Equal(["settings.Maximum", "settings.Scale"], errors.Keys.Order());

        errors.Clear();
        Assert.Null(new FieldTypeSettingsForm { MaxLength = "0", Pattern = "([a-z" }.ToSettings(Field("TextField"), errors));
        Assert.Equal(["settings.MaxLength", "settings.Pattern"], errors.Keys.Order());

        errors.Clear();
        Assert.Null(new FieldTypeSettingsForm { Currency = "euro" }.ToSettings(Field("MoneyField"), errors));
        Assert.Equal(["settings.Currency"], errors.Keys);
    }

    [Fact]
    public void Options_are_one_per_line_and_picker_types_a_list_and_empty_ones_are_removed()
    {
        var errors = new Dictionary<string, string>();
        AssertJson("""{"Options": ["Gold", "Silver"], "Multiple": true}""",
            new FieldTypeSettingsForm { Options = "Gold\r\n\n Silver \nGold", Multiple = true }.ToSettings(Field("EnumerationField"), errors));
        AssertJson("""{"DisplayedContentTypes": ["Supplier"]}""",
            new FieldTypeSettingsForm { DisplayedContentTypes = ["Supplier", "supplier"] }.ToSettings(Field("ContentPickerField", """{"ContentPickerFieldSettings": {"Multiple": true}}"""), errors));
        Assert.Empty(errors);
    }

    [Fact]
    public void Other_field_types_edit_their_settings_as_a_json_object()
    {
        var field = Field("LinkField", """{"LinkFieldSettings": {"Target": "_self"}}""");
        Assert.Equal("Json", FieldTypeSettingsForm.EditorOf("LinkField"));
        Assert.Contains("\"Target\": \"_self\"", FieldTypeSettingsForm.From(field).Json);

        var errors = new Dictionary<string, string>();
        Assert.Null(new FieldTypeSettingsForm { Json = "[1, 2]" }.ToSettings(field, errors));
        Assert.StartsWith("The settings must be a JSON object", errors["settings.Json"]);
        errors.Clear();
        Assert.Null(new FieldTypeSettingsForm { Json = "{oops" }.ToSettings(field, errors));
        Assert.StartsWith("The settings are not valid JSON", errors["settings.Json"]);
        AssertJson("{}", new FieldTypeSettingsForm { Json = " " }.ToSettings(field, new Dictionary<string, string>()));
    }

    [Fact]
    public void The_list_form_applies_the_posted_order_then_the_one_button_pressed()
    {
        var part = new ContentPartDefinition("P", [], [new("A", "TextField", []), new("B", "TextField", []), new("C", "TextField", [])]);

        Assert.Equal(["B", "C", "A"], DefinitionListForm.ApplyToFields(part, ["B", "A", "C"], "field:up:C", "").Fields.Select(f => f.Name));
        Assert.Equal(["A", "C"], DefinitionListForm.ApplyToFields(part, [], "part:up:C", "field:B").Fields.Select(f => f.Name));
    }

    private static ContentPartFieldDefinition Field(string fieldType, string settings = "{}") => new("F", fieldType, JsonNode.Parse(settings)!.AsObject());

    private static void AssertJson(string expected, JsonNode? actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), actual?.ToJsonString());
}
