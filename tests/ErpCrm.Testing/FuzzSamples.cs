using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace ErpCrm.Testing;

/// <summary>
/// A representative request of an operation: its query and body. Placeholders such as <c>{lead}</c> stand for the seeded records; <c>{n}</c>
/// and <c>{year}</c> for a number and a year of each request's own (see <see cref="BadInputs"/>).
/// </summary>
public sealed record FuzzSample(string? Query = null, string? Body = null, string ContentType = "application/json");

/// <summary>
/// What the bad-input fuzz starts from. The OpenAPI document names every operation, but most take an open body (<c>JsonNode</c>) and read
/// their query by hand, so a representative request of each is written here: every field the operation reads, with a value it accepts,
/// so that each bad value is tried in one field while the others are good. Route values name records seeded first (a lead, a draft
/// entry…), so that the handlers get past "not found" to the code that reads the input.
/// </summary>
public static class FuzzSamples
{
    private const string Entry = """
        {"journal": "GEN", "date": "2026-01-15", "dueDate": "2026-02-15", "reference": "R-1", "post": true,
         "lines": [{"account": "1200", "debit": "10.00", "contactId": "{contact}", "description": "goods", "currency": "USD", "amountCurrency": "10.00"},
                   {"account": "4000", "credit": 10}]}
        """;

    private const string Contact = """
        {"ContentType": "Company", "DisplayText": "Fuzz Ltd", "TitlePart": {"Title": "Fuzz Ltd"},
         "ContactPart": {"Email": {"Email": "fuzz@example.com"}, "Phone": {"Text": "+1 555 0100"}, "TaxId": {"Text": "T-1"}, "City": {"Text": "Lyon"},
                         "IsCustomer": {"Value": true}, "IsSupplier": {"Value": false}}}
        """;

    private const string Lead = """
        {"ContentType": "Lead", "TitlePart": {"Title": "Fuzz lead"},
         "LeadPart": {"ContactName": {"Text": "Fuzz lead"}, "Email": {"Email": "lead@example.com"}, "CompanyName": {"Text": "Fuzz Co"},
                      "Stage": {"Text": "New"}, "ExpectedRevenue": {"Amount": "1200.00", "Currency": "USD"}, "Source": {"Text": "web"}}}
        """;

    private const string Type = """
        {"Name": "FuzzThing", "DisplayName": "Fuzz thing", "Settings": {"ContentTypeSettings": {"Creatable": true, "Listable": true}},
         "ContentTypePartDefinitionRecords": [{"PartName": "TitlePart", "Name": "TitlePart", "Settings": {"ContentTypePartSettings": {"Position": "0"}}}]}
        """;

    private const string Part = """
        {"Name": "FuzzPart", "Settings": {"ContentPartSettings": {"Attachable": true, "Description": "d"}},
         "ContentPartFieldDefinitionRecords": [{"FieldName": "DateField", "Name": "Due", "Settings": {"ContentPartFieldSettings": {"DisplayName": "Due"}}}]}
        """;

    /// <summary>Representative requests by operation; an operation with a body must have one (the fuzz test insists).</summary>
    public static readonly IReadOnlyDictionary<string, FuzzSample> ByOperation = new Dictionary<string, FuzzSample>
    {
        ["POST /api/features/{id}/enable"] = new(Query: "force=true"),
        ["POST /api/features/{id}/disable"] = new(Query: "force=false"),
        ["GET /api/audit"] = new(Query: "from=2026-01-01&to=2026-02-01T10:00:00Z&kind=user.created&page=1&pageSize=10"),
        ["POST /api/me/tokens"] = new(Body: """{"name": "fuzz token"}"""),
        ["POST /api/users"] = new(Body: """{"userName": "fuzzed{n}", "email": "fuzzed{n}@example.com", "displayName": "Fuzzed", "password": "Secret-pass-1", "roles": ["Fuzzers"]}"""),
        ["PUT /api/users/{id}"] = new(Body: """{"email": "fuzzer@example.com", "displayName": "Fuzzer", "enabled": true, "linkedContactId": "{contact}", "roles": ["Fuzzers"], "password": "Secret-pass-2"}"""),
        ["POST /api/roles"] = new(Body: """{"name": "Fuzzed {n}", "description": "d", "permissions": ["ViewLeads"]}"""),
        ["PUT /api/roles/{name}"] = new(Body: """{"name": "Fuzzers", "description": "d", "permissions": ["ViewLeads"]}"""),
        ["POST /api/content-types"] = new(Body: Type.Replace("FuzzThing", "FuzzOther{n}")),
        ["PUT /api/content-types/{name}"] = new(Body: Type),
        ["POST /api/content-parts"] = new(Body: Part.Replace("FuzzPart", "FuzzOtherPart{n}")),
        ["PUT /api/content-parts/{name}"] = new(Body: Part),
        ["POST /api/content-definitions/import"] = new(Body: $$"""{"ContentTypes": [{{Type}}], "ContentParts": [{{Part}}]}"""),
        ["GET /api/content/{type}"] = new(Query: "q=fuzz&sort=-DisplayText&filter[ContactPart.Email]=fuzz@example.com&published=true&page=1&pageSize=10"),
        ["POST /api/content/{type}"] = new(Body: Contact),
        ["PUT /api/content/{type}/{id}"] = new(Body: Contact),
        ["POST /api/recipes/run"] = new(Body: """{"recipe": {"name": "fuzz", "steps": [{"name": "Roles", "Roles": [{"Name": "Fuzz recipe role {n}", "Description": "d", "Permissions": []}]}]}}"""),
        ["GET /api/recipes/export"] = new(Query: "features=true&contentDefinitions=true&roles=true&settings=true&contentTypes=Company&sources=ledger"),
        ["GET /api/contacts"] = new(Query: "q=fuzz&role=customer&type=Company&page=1&pageSize=10"),
        ["POST /api/contacts"] = new(Query: "allowDuplicate=true", Body: Contact),
        ["PUT /api/contacts/{id}"] = new(Body: Contact),
        ["POST /api/contacts/{id}/merge"] = new(Body: """{"into": "{contact}"}"""),
        ["GET /api/contacts/export.csv"] = new(Query: "q=fuzz&role=customer&type=Company"),
        ["POST /api/contacts/import"] = new(Query: "dryRun=false&duplicates=create&invalid=skip",
            Body: "Type,Name,Email,Phone,City,IsCustomer\r\nCompany,Imported Ltd,imported@example.com,+1 555 0101,Paris,true\r\n", ContentType: "text/csv"),
        ["POST /api/leads/capture"] = new(Body: """{"name": "Web visitor", "email": "visitor@example.com", "phone": "+1 555 0102", "company": "Visitor Co", "source": "web", "message": "Call me"}"""),
        ["GET /api/leads"] = new(Query: "status=open&sort=-score&page=1&pageSize=10&stage=New&owner=&q=fuzz&source=web"),
        ["POST /api/leads"] = new(Body: Lead),
        ["PUT /api/leads/{id}"] = new(Body: Lead),
        ["POST /api/leads/{id}/stage"] = new(Body: """{"stage": "Qualified"}"""),
        ["POST /api/leads/{id}/lost"] = new(Body: """{"reason": "price"}"""),
        ["PUT /api/leads/stages"] = new(Body: """{"stages": [{"name": "New", "probability": 10}, {"name": "Qualified", "probability": 40}, {"name": "Won", "isWon": true}, {"name": "Lost", "isLost": true}], "moveLeads": {"Old": "New"}}"""),
        ["PUT /api/leads/scoring-rules"] = new(Body: """{"rules": [{"when": {"field": "Source", "operator": "equals", "value": "web"}, "points": 5}]}"""),
        ["PUT /api/leads/assignment-rules"] = new(Body: """{"rules": [{"name": "web", "when": {"field": "Source", "operator": "equals", "value": "web"}, "user": "admin"}]}"""),
        ["POST /api/leads/{id}/activities"] = new(Body: """{"kind": "call", "subject": "Call back", "dueDate": "2026-03-10", "note": "n", "assignedTo": "admin"}"""),
        ["GET /api/leads/activities/mine"] = new(Query: "due=overdue"),
        ["GET /api/leads/report"] = new(Query: "from=2026-01-01&to=2026-01-31"),
        ["GET /api/ledger/entries"] = new(Query: "journal=GEN&from=2026-01-01&to=2026-12-31&account=1200&state=posted&q=R&page=1&pageSize=10"),
        ["POST /api/ledger/entries"] = new(Body: Entry),
        ["POST /api/ledger/entries/batch"] = new(Body: $$"""{"entries": [{{Entry}}]}"""),
        // Kept a draft, so that the draft stays one for the requests after a change that is accepted.
        ["PUT /api/ledger/entries/{id}"] = new(Body: Entry.Replace("\"post\": true", "\"post\": false")),
        ["POST /api/ledger/entries/{id}/reverse"] = new(Body: """{"date": "2026-01-20"}"""),
        ["POST /api/ledger/match"] = new(Body: """{"lineIds": [{line}, {line}]}"""),
        ["PUT /api/ledger/settings"] = new(Body: """{"baseCurrency": "USD", "lockDate": "2025-12-31", "fiscalYearStartMonth": 1}"""),
        ["POST /api/ledger/currencies"] = new(Body: """{"code": "EUR", "name": "Euro", "minorUnits": 2, "active": true}"""),
        ["GET /api/ledger/exchange-rates"] = new(Query: "currency=EUR"),
        ["POST /api/ledger/exchange-rates"] = new(Body: """{"currency": "EUR", "date": "2026-01-01", "rate": "0.92"}"""),
        ["POST /api/ledger/journals"] = new(Body: """{"code": "M{n}", "name": "Miscellaneous", "type": "general", "active": true}"""),
        ["PUT /api/ledger/journals/{code}"] = new(Body: """{"name": "General", "type": "general", "active": true}"""),
        ["POST /api/ledger/accounts"] = new(Body: """{"code": "62{n}", "name": "Travel", "type": "expense", "subtype": "operating_expense", "parent": null, "currency": null, "active": true}"""),
        ["PUT /api/ledger/accounts/{code}"] = new(Body: """{"name": "Rent", "type": "expense", "subtype": "operating_expense", "active": true}"""),
        ["POST /api/ledger/fiscal-years"] = new(Body: """{"name": "{year}", "start": "{year}-01-01", "end": "{year}-12-31"}"""),
        ["POST /api/ledger/fiscal-years/{name}/close"] = new(Body: """{"account": "3900"}"""),
        ["GET /api/ledger/reports/trial-balance"] = new(Query: "from=2026-01-01&to=2026-01-31&format=csv"),
        ["GET /api/ledger/reports/general-ledger"] = new(Query: "account=1200&from=2026-01-01&to=2026-01-31&format=json"),
        ["GET /api/ledger/reports/profit-and-loss"] = new(Query: "from=2026-01-01&to=2026-12-31&format=json"),
        ["GET /api/ledger/reports/balance-sheet"] = new(Query: "at=2026-01-31&format=json"),
        ["GET /api/ledger/reports/aged-receivables"] = new(Query: "at=2026-03-31&format=json"),
        ["GET /api/ledger/reports/aged-payables"] = new(Query: "at=2026-03-31&format=json"),
        ["POST /api/test/notes"] = new(Body: """{"text": "a note"}"""),
        ["POST /api/test/note-with-sale"] = new(Query: "text=a+note&cents=100"),
    };

    /// <summary>The records route values name, created through the API.</summary>
    public sealed record Seeds(string Contact, string ContactVersion, string Lead, long Activity, long Draft, long Posted, long Line, long User)
    {
        /// <summary>The text with its placeholders replaced.</summary>
        public string Fill(string text) => text
            .Replace("{contact}", Contact).Replace("{lead}", Lead).Replace("{line}", Line.ToString(CultureInfo.InvariantCulture));

        /// <summary>A value of a route parameter that reaches the operation's code: a seeded record, or one that does no harm.</summary>
        public string RouteValue(OpenApiOperation operation, string parameter) => (operation.Path, parameter) switch
        {
            // A feature that does not exist: switching a real one off would hide the endpoints still to be tried.
            (_, "id") when operation.Path.StartsWith("/api/features", StringComparison.Ordinal) => "Fuzz.Missing",
            // Not the caller's own token, which the fuzz needs to the end.
            (_, "id") when operation.Path.StartsWith("/api/me/tokens", StringComparison.Ordinal) => "987654",
            (_, "id") when operation.Path.StartsWith("/api/users", StringComparison.Ordinal) => Text(User),
            (_, "id") when operation.Path.StartsWith("/api/contacts", StringComparison.Ordinal) => Contact,
            (_, "id") when operation.Path.StartsWith("/api/content", StringComparison.Ordinal) => Contact,
            (_, "id") when operation.Path.StartsWith("/api/leads", StringComparison.Ordinal) => Lead,
            (_, "id") when operation.Path.StartsWith("/api/ledger/entries", StringComparison.Ordinal) => Text(Draft),
            (_, "type") => "Company",
            (_, "versionId") => ContactVersion,
            (_, "activityId") => Text(Activity),
            (_, "lineId") => Text(Line),
            (_, "code") when operation.Path.StartsWith("/api/ledger/journals", StringComparison.Ordinal) => "GEN",
            (_, "code") => "6100",
            (_, "name") when operation.Path.StartsWith("/api/roles", StringComparison.Ordinal) => "Fuzzers",
            (_, "name") when operation.Path.StartsWith("/api/content-types", StringComparison.Ordinal) => "FuzzThing",
            (_, "name") when operation.Path.StartsWith("/api/content-parts", StringComparison.Ordinal) => "FuzzPart",
            (_, "name") when operation.Path.StartsWith("/api/ledger/fiscal-years", StringComparison.Ordinal) => "2026",
            _ => "sample",
        };

        private static string Text(long id) => id.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Seeds the records the samples name: a chart, a customer, a lead with an activity, a draft and a posted entry, a role and a user, a type and a part.</summary>
    public static async Task<Seeds> SeedAsync(HttpClient admin)
    {
        await admin.CreateSmallChartAsync();
        var contact = (await admin.CreateContactAsync(ContactsClient.Company("Fuzz Ltd", "fuzz@example.com", customer: true)))["ContentItemId"]!.GetValue<string>();
        var versions = await (await admin.GetAsync($"api/content/Company/{contact}/versions")).ReadJsonAsync(HttpStatusCode.OK);
        var version = versions.GetProperty("versions")[0].GetProperty("versionId").GetString()!;
        var (lead, _) = await admin.CreateLeadAsync(LeadsClient.Lead("Fuzz lead", "lead@example.com"));
        var leadId = lead["ContentItemId"]!.GetValue<string>();
        var activity = await (await admin.PostAsJsonAsync($"api/leads/{leadId}/activities", new { kind = "call", subject = "Call", dueDate = "2026-03-10" }))
            .ReadJsonAsync(HttpStatusCode.Created);
        var draft = await admin.PostEntryAsync(LedgerClient.Entry("GEN", "2026-01-10", "draft", false, LedgerClient.Dr("1000", "5.00"), LedgerClient.Cr("3000", "5.00")));
        var posted = await admin.PostEntryAsync(LedgerClient.Entry("SAL", "2026-01-12", "posted", true,
            LedgerClient.Dr("1200", "20.00", contact), LedgerClient.Cr("4000", "20.00")));
        await admin.CreateRoleAsync("Fuzzers", "ViewLeads");
        var user = await admin.CreateUserAsync("fuzzer", "Fuzzers");
        foreach (var (path, body) in new[] { ("api/content-types", Type), ("api/content-parts", Part) })
        {
            using var created = await admin.PostAsync(path, new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
            await created.ReadJsonAsync(HttpStatusCode.Created);
        }
        return new Seeds(contact, version, leadId, activity.GetProperty("id").GetInt64(), draft.GetProperty("id").GetInt64(), posted.GetProperty("id").GetInt64(),
            posted.GetProperty("lines")[0].GetProperty("id").GetInt64(), user.GetProperty("id").GetInt64());
    }
}
