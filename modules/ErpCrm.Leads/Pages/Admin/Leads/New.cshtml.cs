using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Http;
using ErpCrm.Leads.Models;
using ErpCrm.Leads.Services;
using ErpCrm.Modules;
using ErpCrm.Security;
using ErpCrm.Tenants;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ErpCrm.Leads.Pages.Admin.Leads;

/// <summary>
/// A form for a new lead with the fields people fill in first, and the stage as a choice of the pipeline's stages (the generic
/// editor shows it as free text). Inputs are named by their content path (<c>LeadPart.Email</c>); the lead is checked by its
/// type's definition and the pipeline's handler in <see cref="LeadService.CreateAsync"/>, whose errors are keyed the same way,
/// so each shows next to its field, and every typed value stays. Fields an admin added to the Lead type are in the generic
/// editor, which the lead's page links to.
/// </summary>
[Feature(LeadsFeature.Id)]
[RequirePermission(Permissions.ManageLeadsName)]
public sealed class NewModel(LeadService leads, PipelineStageService stages, IUserDirectory users, ITenantCulture culture) : LeadPageModel(users)
{
    public const string Title = "TitlePart.Title";

    /// <summary>The LeadPart fields of the form and how they are stored: the property of the field's JSON that holds the value.</summary>
    public static readonly IReadOnlyList<(string Field, string Property)> Fields =
    [
        (LeadPartValues.ContactName, "Text"), (LeadPartValues.CompanyName, "Text"), (LeadPartValues.Email, "Email"), (LeadPartValues.Phone, "Phone"),
        (LeadPartValues.Source, "Text"), (LeadPartValues.Stage, "Text"), (LeadPartValues.Probability, "Value"), (LeadPartValues.Notes, "Text"),
    ];

    public static string PathOf(string field) => $"{LeadPartValues.PartName}.{field}";

    public static readonly string Owner = PathOf(LeadPartValues.Owner);
    public static readonly string Amount = PathOf(LeadPartValues.ExpectedRevenue) + ".Amount";
    public static readonly string Currency = PathOf(LeadPartValues.ExpectedRevenue) + ".Currency";

    public IReadOnlyList<PipelineStage> Stages { get; private set; } = [];
    public IReadOnlyDictionary<string, string> Values { get; private set; } = new Dictionary<string, string>();
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public string ValueOf(string name) => Values.TryGetValue(name, out var value) ? value : "";

    /// <summary>The errors about an input: its own path, or the field it belongs to (a money field's errors may name either).</summary>
    public string? ErrorOf(params string[] names)
    {
        var found = Errors.Where(e => names.Contains(e.Key, StringComparer.Ordinal)).Select(e => e.Value).ToList();
        return found.Count == 0 ? null : string.Join(" ", found);
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in Fields.Select(f => PathOf(f.Field)).Append(Title).Append(Owner).Append(Amount).Append(Currency))
        {
            values[name] = Request.Form[name].ToString();
        }
        Values = values;
        // The amount as the tenant types it (its culture); one that is not a number is the input's error, with the service's others.
        var numbers = await culture.GetNumbersAsync(ct);
        var amount = numbers.ToInvariant(values[Amount]);
        var created = await leads.CreateAsync(ItemOf(values, amount ?? ""), ct);
        if (created.Value is { } stored && amount is not null)
        {
            return Redirect(Url.Content("~" + LeadAdminUrls.Details(stored.Item.ContentItemId)));
        }
        if (created.Status == ResultStatus.Forbidden)
        {
            return Forbid();
        }
        var errors = created.Value is not null ? [] : created.Errors.Count > 0 ? created.Errors.ToDictionary() : new Dictionary<string, string> { [""] = created.Detail };
        if (amount is null)
        {
            errors[Amount] = numbers.NotANumber("Expected revenue");
        }
        Errors = errors;
        // The form's summary (the kernel's, on every posted form) lists them all, those no input shows too.
        ModelState.AddErrors(Errors);
        await LoadAsync(ct);
        return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        await LoadUsersAsync(ct);
        // A lead enters the lost stage with a reason, on its own page: a new one starts open or won.
        Stages = (await stages.ListAsync(ct)).Where(s => !s.IsLost).ToList();
    }

    /// <summary>The Lead item the form describes; what was left empty is left out, so the definitions' defaults and the handler's rules apply.</summary>
    private static ContentItem ItemOf(IReadOnlyDictionary<string, string> values, string amount)
    {
        var part = new JsonObject();
        foreach (var (field, property) in Fields)
        {
            if (values[PathOf(field)].Trim() is { Length: > 0 } text)
            {
                part[field] = new JsonObject { [property] = text };
            }
        }
        if (values[Owner].Trim() is { Length: > 0 } owner)
        {
            LeadPartValues.SetIds(part, LeadPartValues.Owner, owner, "UserIds");
        }
        if (amount.Length > 0)
        {
            part[LeadPartValues.ExpectedRevenue] = new JsonObject { ["Amount"] = amount, ["Currency"] = values[Currency].Trim().ToUpperInvariant() };
        }
        var item = new ContentItem { ContentType = LeadPartValues.TypeName };
        item.Parts[LeadPartValues.PartName] = part;
        if (values[Title].Trim() is { Length: > 0 } title)
        {
            item.Parts["TitlePart"] = new JsonObject { ["Title"] = title };
        }
        return item;
    }
}
