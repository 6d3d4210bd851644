namespace ErpCrm.Security;

/// <summary>
/// Lets a public entry point act as the system for the rest of its unit of work: a lead capture form, a portal sign-up.
/// Such an endpoint is explicitly anonymous and decides itself who may call it (validation, rate limits, a honeypot);
/// the content items it then stores must not depend on the visitor's content permissions, which an anonymous caller
/// has none of. Keep the scope as short as the one write it covers.
/// </summary>
public interface ISystemAccess
{
    /// <summary>Whether the current unit of work acts as the system (a command, a recipe, or inside <see cref="Begin"/>).</summary>
    bool IsActive { get; }

    /// <summary>Acts as the system until the returned scope is disposed (scopes nest).</summary>
    IDisposable Begin();
}
