namespace ErpCrm.Security;

/// <summary>
/// What the kernel asks about contacts, which live in a module: a user can be linked to a contact (a portal customer sees
/// that contact's records), and the link must name one that exists. The Contacts module implements it; the kernel resolves
/// it through <see cref="ErpCrm.Modules.IFeatureServices{T}"/>, so where Contacts is off there is none, and a link is refused
/// saying so.
/// </summary>
public interface IContactDirectory
{
    /// <summary>Whether <paramref name="contactId"/> is the id of a contact (company or person) of the tenant that is not removed.</summary>
    Task<bool> ExistsAsync(string contactId, CancellationToken cancellationToken);
}
