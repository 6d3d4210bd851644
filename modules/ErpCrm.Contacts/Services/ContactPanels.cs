using System.Security.Claims;
using ErpCrm.Modules;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Logging;

namespace ErpCrm.Contacts.Services;

/// <summary>A panel as the contact page shows it: its model, or the name of a panel that failed (the others still show).</summary>
public sealed record ContactPanelResult(ContactPanelModel? Model, string? Failed);

/// <summary>
/// Gathers the panels of a contact's page (<see cref="IContactPanel"/>): those of the enabled features whose permission the
/// user holds, ordered by position; a panel that throws is logged and answered as failed, so that it never takes the page down.
/// </summary>
public sealed class ContactPanels(IFeatureServices<IContactPanel> panels, IAuthorizationService authorization, ILogger<ContactPanels> logger)
{
    public async Task<IReadOnlyList<ContactPanelResult>> ForAsync(ContactPanelContext context, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var results = new List<ContactPanelResult>();
        foreach (var panel in panels.OrderBy(p => p.Position))
        {
            if (panel.Permission is { } permission && !(await authorization.AuthorizeAsync(user, permission.PolicyName)).Succeeded)
            {
                continue;
            }
            try
            {
                if (await panel.GetModelAsync(context, cancellationToken) is { } model)
                {
                    results.Add(new ContactPanelResult(model, null));
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Contact panel {Panel} failed for contact {ContactId}.", panel.GetType().FullName, context.ContactId);
                results.Add(new ContactPanelResult(null, panel.GetType().Name));
            }
        }
        return results;
    }
}
