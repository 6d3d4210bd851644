using ErpCrm.Core.Content.Items;
using ErpCrm.Core.Identity;
using ErpCrm.Web.Admin;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Web.Pages.Admin.Content;

/// <summary>
/// An item's versions and the trail of its changes (who, when, which field from what to what), and two versions side by
/// side with the values that differ marked. Everything comes from <see cref="ContentManager"/>, which checks that the
/// user may view the item.
/// </summary>
public sealed class HistoryModel(ContentManager content) : AdminPageModel
{
    /// <summary>A value of the compared versions.</summary>
    public sealed record DiffRow(string Field, string? Left, string? Right)
    {
        public bool Changed => !string.Equals(Left ?? "", Right ?? "", StringComparison.Ordinal);
    }

    [BindProperty(Name = "type", SupportsGet = true)] public string Type { get; set; } = "";
    [BindProperty(Name = "id", SupportsGet = true)] public string Id { get; set; } = "";
    [BindProperty(Name = "a", SupportsGet = true)] public string? Left { get; set; }
    [BindProperty(Name = "b", SupportsGet = true)] public string? Right { get; set; }

    public StoredItem Latest { get; private set; } = null!;
    public IReadOnlyList<ContentVersionInfo> Versions { get; private set; } = [];
    public IReadOnlyList<ContentChange> Trail { get; private set; } = [];
    public IReadOnlyList<DiffRow> Diff { get; private set; } = [];
    public string? Problem { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var latest = await content.GetAsync(Type, Id, ct);
        var history = await content.HistoryAsync(Type, Id, ct);
        if ((latest.Failure ?? history.Failure) is { } failure)
        {
            return failure.Status == ResultStatus.Forbidden ? Forbid() : NotFound();
        }
        Latest = latest.Value!;
        Type = Latest.Item.ContentType;
        (Versions, Trail) = history.Value;
        if (Left is null && Right is null && Versions.Count >= 2)
        {
            // By default: what the latest version changed.
            (Left, Right) = (Versions[^2].VersionId, Versions[^1].VersionId);
        }
        if (Left is { Length: > 0 } && Right is { Length: > 0 })
        {
            var left = await content.VersionAsync(Type, Id, Left, ct);
            var right = await content.VersionAsync(Type, Id, Right, ct);
            if (left.Value is null || right.Value is null)
            {
                Problem = (left.Failure ?? right.Failure)!.Detail;
                return Invalid();
            }
            var before = await content.ValuesAsync(left.Value.Item, ct);
            var after = await content.ValuesAsync(right.Value.Item, ct);
            Diff = after.Keys.Concat(before.Keys.Where(k => !after.ContainsKey(k)))
                .Select(k => new DiffRow(k, before.GetValueOrDefault(k), after.GetValueOrDefault(k))).ToList();
        }
        return Page();
    }

    public int NumberOf(string? versionId) => Versions.FirstOrDefault(v => v.VersionId == versionId)?.Number ?? 0;
}
