using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ErpCrm.Http;

/// <summary>
/// The Content-Security-Policy the host sends with every answer: scripts, styles, images, fonts and calls from the host itself
/// only, no inline script, no framing (<see cref="BasePolicy"/>). A page of a module therefore loads its scripts from files
/// (<c>wwwroot/js</c>) and wires its elements there, never with <c>&lt;script&gt;…&lt;/script&gt;</c> or <c>onclick=</c>, and
/// styles them with classes, never with <c>style=</c>.
/// An endpoint that serves a page it does not write itself (a vendored UI) may need more: it adds sources to a directive with
/// <see cref="AllowContentSources{TBuilder}"/>, and an inline script it cannot avoid gets the request's nonce
/// (<see cref="ScriptNonce"/>), which the host then allows in <c>script-src</c> for that answer only.
/// </summary>
public static class ContentSecurityPolicy
{
    /// <summary>The directives every answer carries, in the order they are sent.</summary>
    public static readonly IReadOnlyList<(string Directive, string Sources)> BasePolicy =
    [
        ("default-src", "'self'"),
        ("script-src", "'self'"),
        ("style-src", "'self'"),
        // Bootstrap draws its form controls' arrows and checks with data: SVGs.
        ("img-src", "'self' data:"),
        ("font-src", "'self'"),
        ("connect-src", "'self'"),
        ("object-src", "'none'"),
        ("base-uri", "'self'"),
        ("form-action", "'self'"),
        ("frame-ancestors", "'none'"),
    ];

    /// <summary>The key of <see cref="HttpContext.Items"/> that holds the request's script nonce once asked for.</summary>
    public const string NonceItemKey = "ErpCrm.ContentSecurityPolicy.Nonce";

    /// <summary>Random bytes in a nonce: 128 bits, as CSP asks, so that it cannot be guessed.</summary>
    private const int NonceBytes = 16;

    /// <summary>
    /// The nonce of this request's answer (made on first use): a <c>&lt;script nonce="…"&gt;</c> with it runs, and the answer's
    /// <c>script-src</c> allows <c>'nonce-…'</c>. Only for pages that cannot move their script to a file.
    /// </summary>
    public static string ScriptNonce(HttpContext http)
    {
        if (http.Items[NonceItemKey] is not string nonce)
        {
            // URL-safe base64 (CSP allows '-' and '_'): no character that HTML encoding would change in a nonce="…" attribute.
            nonce = System.Buffers.Text.Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(NonceBytes));
            http.Items[NonceItemKey] = nonce;
        }
        return nonce;
    }

    /// <summary>
    /// Adds <paramref name="sources"/> to <paramref name="directive"/> (one of <see cref="BasePolicy"/>'s) in the policy of these
    /// endpoints' answers, e.g. <c>.AllowContentSources("style-src", "'unsafe-inline'")</c> for a vendored UI that injects its
    /// styles. Inline or evaluated script cannot be allowed this way: use <see cref="ScriptNonce"/>.
    /// </summary>
    public static TBuilder AllowContentSources<TBuilder>(this TBuilder builder, string directive, params string[] sources)
        where TBuilder : IEndpointConventionBuilder
    {
        if (!BasePolicy.Any(d => d.Directive == directive))
        {
            throw new ArgumentException($"'{directive}' is not a directive of the host's policy ({string.Join(", ", BasePolicy.Select(d => d.Directive))}).", nameof(directive));
        }
        if (directive is "script-src" or "default-src" && sources.Any(s => s is "'unsafe-inline'" or "'unsafe-eval'"))
        {
            throw new ArgumentException("Inline and evaluated script stay forbidden; give an inline script the request's nonce (ScriptNonce).", nameof(sources));
        }
        var metadata = new ContentSourcesMetadata(directive, sources);
        builder.Add(endpoint => endpoint.Metadata.Add(metadata));
        return builder;
    }
}

/// <summary>Sources an endpoint adds to a directive of the host's Content-Security-Policy (see <see cref="ContentSecurityPolicy.AllowContentSources{TBuilder}"/>).</summary>
public sealed record ContentSourcesMetadata(string Directive, IReadOnlyList<string> Sources);
