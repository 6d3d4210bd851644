using System.Globalization;
using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Core.Content;
using ErpCrm.Core.Content.Items;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Benchmarks.Infrastructure;

/// <summary>
/// The content the content figures use. Lead: TitlePart and its own part with six fields, four of them queryable
/// (Company, Stage, Revenue, CloseDate), so that each Lead has four field index rows. Project: ten parts of two fields each,
/// the text one queryable, to time the save of a wide item. Values come from a seeded generator: every run stores the same.
/// </summary>
internal static class BenchmarkContent
{
    public const string Lead = "Lead";
    public const string Project = "Project";
    public const int ProjectParts = 10;

    /// <summary>Every fifth Lead is Won, in turn.</summary>
    public static readonly IReadOnlyList<string> Stages = ["New", "Qualified", "Proposal", "Won", "Lost"];

    private static readonly string[] Names =
    [
        "Acme", "Globex", "Initech", "Umbrella", "Hooli", "Vandelay", "Stark", "Wayne", "Wonka", "Tyrell", "Cyberdyne", "Soylent",
        "Nakatomi", "Gringotts", "Monarch", "Oscorp", "Pendant", "Sirius", "Duff", "Krusty", "Virtucon", "Zorg", "Massive", "Dunder",
        "Prestige",
    ];

    private static readonly string[] Suffixes = ["GmbH", "Ltd", "SA", "BV", "AB"];

    /// <summary>What a Lead is about: its title names one, so a search for one finds about a twentieth of the Leads.</summary>
    private static readonly string[] Products =
    [
        "turbine", "licence", "pallet", "forklift", "consulting", "hosting", "training", "gearbox", "conveyor", "scanner",
        "printer", "router", "sensor", "valve", "compressor", "generator", "welder", "crane", "robot", "laser",
    ];

    /// <summary>The search the list figure times (one of <see cref="Products"/>).</summary>
    public const string SearchWord = "gearbox";

    private static readonly DateOnly FirstCloseDate = new(2025, 1, 1);

    private const string LeadPart = """
        {"Name": "Lead", "Settings": {"ContentPartSettings": {"DisplayName": "Lead"}},
         "ContentPartFieldDefinitionRecords": [
          {"FieldName": "TextField", "Name": "Company", "Settings": {"ContentIndexSettings": {"Queryable": true}}},
          {"FieldName": "EnumerationField", "Name": "Stage", "Settings": {"ContentIndexSettings": {"Queryable": true},
            "EnumerationFieldSettings": {"Options": ["New", "Qualified", "Proposal", "Won", "Lost"]}}},
          {"FieldName": "MoneyField", "Name": "Revenue", "Settings": {"ContentIndexSettings": {"Queryable": true}, "MoneyFieldSettings": {"Currency": "EUR"}}},
          {"FieldName": "NumericField", "Name": "Probability", "Settings": {"NumericFieldSettings": {"Scale": 0, "Minimum": 0, "Maximum": 100}}},
          {"FieldName": "BooleanField", "Name": "Won"},
          {"FieldName": "DateField", "Name": "CloseDate", "Settings": {"ContentIndexSettings": {"Queryable": true}}}]}
        """;

    private const string LeadType = """
        {"Name": "Lead", "DisplayName": "Lead", "Settings": {"ContentTypeSettings": {"Creatable": true, "Listable": true}},
         "ContentTypePartDefinitionRecords": [{"PartName": "TitlePart", "Name": "TitlePart"}, {"PartName": "Lead", "Name": "Lead"}]}
        """;

    private const string SectionPart = """
        {"Name": "SECTION", "ContentPartFieldDefinitionRecords": [
          {"FieldName": "TextField", "Name": "Label", "Settings": {"ContentIndexSettings": {"Queryable": true}}},
          {"FieldName": "NumericField", "Name": "Amount"}]}
        """;

    /// <summary>Defines Lead and Project with their parts through the definition store (as a recipe's ContentDefinition step does).</summary>
    public static async Task DefineAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string>();
        var parts = new List<ContentPartDefinition> { ContentDefinitionJson.ReadPart(JsonNode.Parse(LeadPart), "", errors)! };
        var types = new List<ContentTypeDefinition> { ContentDefinitionJson.ReadType(JsonNode.Parse(LeadType), "", errors)! };
        var projectParts = new JsonArray();
        for (var p = 1; p <= ProjectParts; p++)
        {
            parts.Add(ContentDefinitionJson.ReadPart(JsonNode.Parse(SectionPart.Replace("SECTION", SectionName(p), StringComparison.Ordinal)), "", errors)!);
            projectParts.Add(new JsonObject { ["PartName"] = SectionName(p), ["Name"] = SectionName(p) });
        }
        types.Add(ContentDefinitionJson.ReadType(new JsonObject
        {
            ["Name"] = Project,
            ["DisplayName"] = Project,
            ["Settings"] = new JsonObject { ["ContentTypeSettings"] = new JsonObject { ["Creatable"] = true } },
            ["ContentTypePartDefinitionRecords"] = projectParts,
        }, "", errors)!);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException("The benchmark's content definitions do not read: " + string.Join("; ", errors.Select(e => $"{e.Key}: {e.Value}")));
        }
        await services.GetRequiredService<ContentDefinitionStore>().ImportAsync(types, parts, cancellationToken);
    }

    /// <summary>The <paramref name="number"/>th Lead, with the next values of <paramref name="random"/>.</summary>
    public static ContentItem NewLead(int number, Random random)
    {
        var company = $"{Names[random.Next(Names.Length)]} {Suffixes[random.Next(Suffixes.Length)]}";
        var title = $"{company} {Products[random.Next(Products.Length)]} {number:D6}";
        var stage = Stages[number % Stages.Count];
        var revenueCents = random.Next(100_000, 500_000_000);
        var item = new ContentItem { ContentType = Lead, DisplayText = title };
        item.Parts["TitlePart"] = new JsonObject { ["Title"] = title };
        item.Parts[Lead] = new JsonObject
        {
            ["Company"] = new JsonObject { ["Text"] = company },
            ["Stage"] = new JsonObject { ["Value"] = stage },
            ["Revenue"] = new JsonObject { ["Amount"] = (revenueCents / 100m).ToString("0.00", CultureInfo.InvariantCulture), ["Currency"] = "EUR" },
            ["Probability"] = new JsonObject { ["Value"] = random.Next(0, 101) },
            ["Won"] = new JsonObject { ["Value"] = stage == "Won" },
            ["CloseDate"] = new JsonObject { ["Value"] = FirstCloseDate.AddDays(random.Next(730)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
        };
        return item;
    }

    /// <summary>
    /// A Lead as ContentManager would store it (ids, dates and flags filled in), for the raw baseline to write the same
    /// document without going through the manager.
    /// </summary>
    public static ContentItem AsStored(ContentItem item, DateTimeOffset now)
    {
        item.ContentItemId = ContentIds.New();
        item.ContentItemVersionId = ContentIds.New();
        item.CreatedUtc = item.ModifiedUtc = item.PublishedUtc = now;
        item.Latest = item.Published = true;
        return item;
    }

    /// <summary>A Project whose every part has a label and an amount; <paramref name="change"/> goes into the first part's amount.</summary>
    public static ContentItem NewProject(int change)
    {
        var item = new ContentItem { ContentType = Project, DisplayText = "Harbour crane retrofit" };
        for (var p = 1; p <= ProjectParts; p++)
        {
            item.Parts[SectionName(p)] = new JsonObject
            {
                ["Label"] = new JsonObject { ["Text"] = $"Work package {p}" },
                ["Amount"] = new JsonObject { ["Value"] = p == 1 ? change : p * 1_000 },
            };
        }
        return item;
    }

    private static string SectionName(int part) => $"Section{part:D2}";
}
