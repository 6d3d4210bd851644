using ErpCrm.Content;

namespace ErpCrm.Contacts.Services;

/// <summary>Companies and people are created and edited on the contact editor, never in the generic item editor.</summary>
public sealed class ContactItemEditor : IContentItemEditor
{
    public string? EditorPath(string contentType, string? contentItemId) =>
        ContactService.ContactTypes.FirstOrDefault(t => string.Equals(t, contentType, StringComparison.OrdinalIgnoreCase)) is not { } type ? null
        : contentItemId is null ? ContactAdminUrls.Create(type)
        : ContactAdminUrls.Edit(contentItemId);
}
