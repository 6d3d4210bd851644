using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Http;

/// <summary>
/// The kernel's filter that makes creating calls safe to retry (the one the kernel's own creating calls use); modules apply
/// it with <see cref="IdempotencyEndpointExtensions.AcceptIdempotencyKey{TBuilder}"/>.
/// </summary>
public interface IIdempotencyFilter : IEndpointFilter
{
}

/// <summary>Idempotent creating calls for modules' endpoints.</summary>
public static class IdempotencyEndpointExtensions
{
    /// <summary>
    /// Lets callers retry a creating call safely, as the kernel's creating calls do: a call sent with an
    /// <c>Idempotency-Key</c> header that succeeded is answered again to a retry with the same key, method, path and body
    /// (with <c>Idempotent-Replayed: true</c>) and runs nothing; the same key with another request answers 422. It runs inside
    /// the request's unit of work (the host's filter on module endpoints is outside it). Not for answers that must be shown
    /// only once (a new secret).
    /// </summary>
    public static TBuilder AcceptIdempotencyKey<TBuilder>(this TBuilder builder) where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(IdempotencyKeyMetadata.Instance).AddEndpointFilterFactory((context, next) =>
        {
            var filter = context.ApplicationServices.GetRequiredService<IIdempotencyFilter>();
            return invocation => filter.InvokeAsync(invocation, next);
        });
}
