using System.Text.Json.Nodes;
using ErpCrm.Core.Content;

namespace ErpCrm.Core.Tests;

/// <summary>Orchard Core's flat and nested settings styles read to the nested one.</summary>
public sealed class ContentSettingsNormalizerTests
{
    [Fact]
    public void Flat_type_settings_move_into_ContentTypeSettings_as_booleans()
    {
        var settings = ContentSettingsNormalizer.TypeSettings(Parse("""
            {"Creatable": "True", "Listable": "false", "Draftable": " TRUE ", "Versionable": true, "Securable": "False", "Stereotype": "Widget"}
            """));

        AssertJson("""
            {"ContentTypeSettings": {"Creatable": true, "Listable": false, "Draftable": true, "Versionable": true, "Securable": false, "Stereotype": "Widget"}}
            """, settings);
    }

    [Fact]
    public void Nested_settings_keep_the_types_Orchard_Core_declares_and_win_over_flat_ones()
    {
        var settings = ContentSettingsNormalizer.TypePartSettings(Parse("""
            {"Position": "9", "Description": "flat", "ContentTypePartSettings": {"Position": "2", "DisplayName": "Title", "Editor": "Custom"}}
            """));

        AssertJson("""{"ContentTypePartSettings": {"Position": "2", "Description": "flat", "DisplayName": "Title", "Editor": "Custom"}}""", settings);
    }

    [Fact]
    public void Settings_the_normaliser_does_not_own_are_kept_unchanged()
    {
        var settings = ContentSettingsNormalizer.TypePartSettings(Parse("""
            {"Pattern": "{{ x }}", "AllowCustomPath": "True", "Position": "1", "ContentIndexSettings": {"Included": false, "Template": null}}
            """));

        AssertJson("""
            {"Pattern": "{{ x }}", "AllowCustomPath": "True", "ContentIndexSettings": {"Included": false, "Template": null}, "ContentTypePartSettings": {"Position": "1"}}
            """, settings);
    }

    [Fact]
    public void Field_settings_take_display_name_position_hint_and_required()
    {
        var settings = ContentSettingsNormalizer.FieldSettings(Parse("""
            {"DisplayName": "Url", "Position": "1", "Hint": "Where it links", "Required": "True", "TextFieldSettings": {"Required": true}}
            """));

        AssertJson("""
            {"TextFieldSettings": {"Required": true}, "ContentPartFieldSettings": {"DisplayName": "Url", "Position": "1", "Hint": "Where it links", "Required": true}}
            """, settings);
    }

    [Fact]
    public void Flat_part_settings_move_into_ContentPartSettings()
    {
        var settings = ContentSettingsNormalizer.PartSettings(Parse("""
            {"Attachable": "True", "Reusable": "False", "Description": "An address", "DefaultPosition": "4", "AddressPartSettings": {"Country": "CH"}}
            """));

        AssertJson("""
            {"AddressPartSettings": {"Country": "CH"}, "ContentPartSettings": {"Attachable": true, "Reusable": false, "Description": "An address", "DefaultPosition": "4"}}
            """, settings);
    }

    [Fact]
    public void Null_settings_are_not_set_and_nothing_given_gives_nothing()
    {
        AssertJson("{}", ContentSettingsNormalizer.TypeSettings(Parse("""{"Stereotype": null, "ContentTypeSettings": {"Creatable": null}}""")));
        AssertJson("{}", ContentSettingsNormalizer.TypeSettings(null));
        AssertJson("{}", ContentSettingsNormalizer.FieldSettings([]));
    }

    [Fact]
    public void Values_that_do_not_convert_are_kept_as_given_rather_than_guessed()
    {
        var settings = ContentSettingsNormalizer.TypeSettings(Parse("""{"Creatable": "maybe", "Listable": 1, "Stereotype": 5}"""));

        AssertJson("""{"ContentTypeSettings": {"Creatable": "maybe", "Listable": 1, "Stereotype": 5}}""", settings);
    }

    [Fact]
    public void A_nested_settings_value_that_is_not_an_object_is_kept_as_it_came()
    {
        AssertJson("""{"ContentTypeSettings": "odd"}""", ContentSettingsNormalizer.TypeSettings(Parse("""{"ContentTypeSettings": "odd"}""")));
    }

    [Fact]
    public void Normalising_twice_changes_nothing_and_leaves_the_input_alone()
    {
        var input = Parse("""{"Creatable": "True", "Custom": {"A": 1}}""");
        var once = ContentSettingsNormalizer.TypeSettings(input);

        AssertJson(once.ToJsonString(), ContentSettingsNormalizer.TypeSettings(once));
        AssertJson("""{"Creatable": "True", "Custom": {"A": 1}}""", input);
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();

    private static void AssertJson(string expected, JsonNode actual) =>
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(expected), actual), $"Expected {expected}, got {actual.ToJsonString()}");
}
