using ErpCrm.Core.Content;
using ErpCrm.Core.Identity;
using ErpCrm.Http;

namespace ErpCrm.Web.Admin.ContentTypes;

/// <summary>What the content type and part pages share: where each definition is edited, and how a refused save reads.</summary>
public abstract class ContentDefinitionPageModel : AdminPageModel
{
    /// <summary>The hidden input with the version of the definition the form was filled from; a stale save's message is keyed by it.</summary>
    public const string VersionField = "version";

    public static string TypeUrl(string name) => "/admin/content-types/edit?name=" + Uri.EscapeDataString(name);

    public static string PartUrl(string name) => "/admin/content-parts/edit?name=" + Uri.EscapeDataString(name);

    /// <summary>
    /// Puts a refused save on the page: a conflict that names no field is a stale version (someone saved in between), said at the
    /// top of the form; anything else goes next to the field it names, or <paramref name="field"/>.
    /// </summary>
    protected void AddSaveFailure(Failure failure, string kind, string field)
    {
        if (failure.Status == ResultStatus.Conflict && failure.Errors.Count == 0)
        {
            AddStale(kind);
        }
        else
        {
            ModelState.AddFailure(failure, field);
        }
    }

    /// <summary>Says at the top of the form that someone saved in between, so nothing was.</summary>
    protected void AddStale(string kind) => ModelState.AddModelError(VersionField,
        $"This {kind} was changed by someone else since you opened it — reload the page to see their changes. What you entered is kept below, not saved.");

    /// <summary>Where the fields of a part are listed: the page of the type the part belongs to, else the part's page.</summary>
    protected static async Task<string> OwnerUrlAsync(ContentDefinitionStore store, string partName, CancellationToken ct) =>
        await store.FindTypeAsync(partName, ct) is { } type ? TypeUrl(type.Definition.Name) : PartUrl(partName);

    /// <summary>Puts the problems <see cref="Core.Content.ContentDefinitionEditing.Check(ErpCrm.Content.ContentTypeDefinition)"/> found next to the input each is about.</summary>
    protected void AddCheckErrors(IReadOnlyDictionary<string, string> errors, Func<string, string> fieldOfPath)
    {
        foreach (var (path, message) in errors)
        {
            ModelState.AddModelError(fieldOfPath(path), message);
        }
    }
}
