using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Contacts.Tests;

/// <summary>
/// The item editor shows every error of a form in one round: the type's field validation, an input that does not read and the
/// contact's handler rules together, each at its field and in the summary at the top of the form, named by its label.
/// </summary>
public abstract partial class ContactFormErrorsHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    [Fact]
    public async Task A_company_with_no_name_an_empty_required_field_and_a_bad_number_shows_the_three_errors_at_their_fields_and_in_the_summary()
    {
        await Admin.EnableFeaturesAsync(ContactsClient.Feature);
        await (await Admin.PostAsync("api/content-parts", ContentClient.Json("""
            {"Name": "Company", "ContentPartFieldDefinitionRecords": [
              {"FieldName": "TextField", "Name": "Industry", "Settings": {"ContentPartFieldSettings": {"DisplayName": "Industry", "Position": "0", "Required": true}}},
              {"FieldName": "NumericField", "Name": "Employees", "Settings": {"ContentPartFieldSettings": {"DisplayName": "Number of employees", "Position": "1"}}}]}
            """))).ReadJsonAsync(HttpStatusCode.Created);
        var type = JsonNode.Parse((await (await Admin.GetAsync("api/content-types/Company")).ReadJsonAsync(HttpStatusCode.OK)).GetRawText())!.AsObject();
        type["ContentTypePartDefinitionRecords"]!.AsArray().Add(new JsonObject { ["PartName"] = "Company", ["Name"] = "Company", ["Settings"] = new JsonObject() });
        await (await Admin.SendAsync(new HttpRequestMessage(HttpMethod.Put, "api/content-types/Company") { Content = ContentClient.Json(type) })).ReadJsonAsync(HttpStatusCode.OK);
        var browser = await SignInAdminAsync();

        using var response = await browser.PostFormAsync("admin/content/Company/create",
            [new("TitlePart.Title", ""), new("ContactPart.Email", "office@example.com"), new("Company.Industry", ""), new("Company.Employees", "many"), new("_action", "save")]);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {html}");

        Assert.Equal("A name is required: enter the company's name.", FieldError(html, "f-TitlePart-Title"));
        Assert.NotEmpty(FieldError(html, "f-Company-Industry"));
        Assert.NotEmpty(FieldError(html, "f-Company-Employees"));
        Assert.Equal("many", BrowserSession.InputValue(html, "Company.Employees"));

        var summary = Summary().Match(html);
        Assert.True(summary.Success, html);
        Assert.Contains("3 problems to fix", summary.Value);
        var links = Link().Matches(summary.Value).Select(m => (Target: m.Groups[1].Value, Text: WebUtility.HtmlDecode(m.Groups[2].Value))).ToList();
        Assert.Equal(new[] { "f-Company-Employees", "f-Company-Industry", "f-TitlePart-Title" }, links.Select(l => l.Target).Order(StringComparer.Ordinal));
        Assert.Equal("Title: A name is required: enter the company's name.", links.Single(l => l.Target == "f-TitlePart-Title").Text);
        Assert.Equal("Industry is required.", links.Single(l => l.Target == "f-Company-Industry").Text);
        Assert.Equal("Number of employees: enter a number like 1,234.56.", links.Single(l => l.Target == "f-Company-Employees").Text);
        // Labels, not paths, in every message of the form.
        foreach (var message in links.Select(l => l.Text).Append(FieldError(html, "f-Company-Industry")).Append(FieldError(html, "f-Company-Employees")))
        {
            Assert.DoesNotContain("Company.", message);
            Assert.DoesNotContain("ContactPart.", message);
        }
        Assert.Empty((await Admin.ListItemsAsync("Company"))["items"]!.AsArray());
    }

    private static string FieldError(string html, string inputId) =>
        WebUtility.HtmlDecode(Regex.Match(html, $"<p class=\"error\" id=\"{inputId}-error\">([^<]*)</p>").Groups[1].Value);

    [GeneratedRegex("<div [^>]*id=\"form-errors\" role=\"alert\"[^>]*>.*?</div>", RegexOptions.Singleline)]
    private static partial Regex Summary();

    [GeneratedRegex("<a href=\"#([^\"]+)\">([^<]*)</a>")]
    private static partial Regex Link();
}

public sealed class SqliteContactFormErrorsHttpTests() : ContactFormErrorsHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresContactFormErrorsHttpTests() : ContactFormErrorsHttpTests(DatabaseProvider.Postgres);
