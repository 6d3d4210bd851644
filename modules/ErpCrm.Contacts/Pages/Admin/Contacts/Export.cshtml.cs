using ErpCrm.Contacts.Services;
using ErpCrm.Modules;
using ErpCrm.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ErpCrm.Contacts.Pages.Admin.Contacts;

/// <summary>Downloads the contacts the list shows (its <c>q</c>, <c>role</c> and <c>type</c> filters) as CSV.</summary>
[Feature(ContactsFeature.Id)]
[RequirePermission(nameof(Permissions.ViewContacts))]
public sealed class ExportModel(ContactCsvExporter exporter, TimeProvider clock) : PageModel
{
    /// <summary>What is wrong with the filter, by parameter.</summary>
    public IReadOnlyDictionary<string, string> Errors { get; private set; } = new Dictionary<string, string>();

    public async Task<IActionResult> OnGetAsync(string? q, string? role, string? type, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var (parsedRole, parsedType) = ContactListFilter.Read(role, type, errors);
        if (errors.Count > 0)
        {
            Errors = errors;
            return new PageResult { StatusCode = StatusCodes.Status400BadRequest };
        }
        var bytes = await exporter.ExportAsync(new ContactListRequest(q, parsedRole, parsedType, 1, 1), ct);
        return File(bytes, "text/csv; charset=utf-8", ContactCsvExporter.FileName(clock.GetUtcNow()));
    }
}
