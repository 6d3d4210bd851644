using System.Net;
using ErpCrm.Data;
using ErpCrm.Testing;
using static ErpCrm.Testing.LedgerPagesClient;

namespace ErpCrm.Contacts.Tests;

/// <summary>
/// The item editor shows every error of a form in one round: the type's field validation, an input that does not read and the
/// contact's handler rules together, each at its field and in the summary at the top of the form, named by its label.
/// </summary>
public abstract class ContactFormErrorsHttpTests(DatabaseProvider provider) : SetUpHostTests(provider)
{
    [Fact]
    public async Task A_company_with_no_name_an_empty_required_field_and_a_bad_number_shows_the_three_errors_at_their_fields_and_in_the_summary()
    {
        await Admin.EnableFeaturesAsync(ContactsClient.Feature);
        await Admin.AddOwnPartAsync("Company", """
            {"Name": "Company", "ContentPartFieldDefinitionRecords": [
              {"FieldName": "TextField", "Name": "Industry", "Settings": {"ContentPartFieldSettings": {"DisplayName": "Industry", "Position": "0", "Required": true}}},
              {"FieldName": "NumericField", "Name": "Employees", "Settings": {"ContentPartFieldSettings": {"DisplayName": "Number of employees", "Position": "1"}}}]}
            """);
        var browser = await SignInAdminAsync();

        // The generic item editor's post (a module may open its own editor for the type; this one stays reachable).
        using var response = await browser.PostFormAsync("admin/content/Company/create",
            [new("TitlePart.Title", ""), new("ContactPart.Email", "office@example.com"), new("Company.Industry", ""), new("Company.Employees", "many"), new("_action", "save")],
            formPage: "admin");
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{(int)response.StatusCode}: {html}");

        Assert.Equal("A name is required: enter the company's name.", ErrorText(html, "f-TitlePart-Title"));
        Assert.Equal("Industry is required.", ErrorText(html, "f-Company-Industry"));
        Assert.Equal("Number of employees: enter a number like 1,234.56.", ErrorText(html, "f-Company-Employees"));
        Assert.Equal("many", BrowserSession.InputValue(html, "Company.Employees"));

        var summary = FormErrorsReader.Summary(html);
        Assert.Contains("3 problems to fix", summary);
        var links = FormErrorsReader.Links(summary);
        Assert.Equal(new[] { "f-Company-Employees", "f-Company-Industry", "f-TitlePart-Title" }, links.Select(l => l.Target).Order(StringComparer.Ordinal));
        Assert.Equal("Title: A name is required: enter the company's name.", links.Single(l => l.Target == "f-TitlePart-Title").Text);
        Assert.Equal("Industry is required.", links.Single(l => l.Target == "f-Company-Industry").Text);
        Assert.Equal("Number of employees: enter a number like 1,234.56.", links.Single(l => l.Target == "f-Company-Employees").Text);
        // Labels, not paths, in every message of the form.
        foreach (var message in links.Select(l => l.Text).Append(ErrorText(html, "f-Company-Industry")!).Append(ErrorText(html, "f-Company-Employees")!))
        {
            Assert.DoesNotContain("Company.", message);
            Assert.DoesNotContain("ContactPart.", message);
        }
        Assert.Empty((await Admin.ListItemsAsync("Company"))["items"]!.AsArray());
    }
}

public sealed class SqliteContactFormErrorsHttpTests() : ContactFormErrorsHttpTests(DatabaseProvider.Sqlite);

public sealed class PostgresContactFormErrorsHttpTests() : ContactFormErrorsHttpTests(DatabaseProvider.Postgres);
