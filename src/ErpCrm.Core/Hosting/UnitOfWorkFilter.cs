using ErpCrm.Core.Tenants;
using ErpCrm.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Core.Hosting;

/// <summary>
/// Commits the request's unit of work when its endpoint succeeded, before the response is written, so that a
/// client never sees success for a change that did not commit. Error results and exceptions roll back. A request that never
/// made its unit of work has nothing to end. Holds no state: one instance serves every endpoint.
/// </summary>
public sealed class UnitOfWorkFilter : IEndpointFilter
{
    public static readonly UnitOfWorkFilter Instance = new();

    private UnitOfWorkFilter()
    {
    }

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        // An endpoint that answers without waiting, and a unit of work with nothing to commit, go through without a state machine.
        var answered = next(context);
        if (!answered.IsCompletedSuccessfully)
        {
            return EndAsync(context, answered);
        }
        var result = answered.Result;
        var ended = End(context.HttpContext, result);
        return ended.IsCompletedSuccessfully ? new ValueTask<object?>(result) : AfterAsync(ended, result);
    }

    private static async ValueTask<object?> EndAsync(EndpointFilterInvocationContext context, ValueTask<object?> answered)
    {
        var result = await answered;
        await End(context.HttpContext, result);
        return result;
    }

    private static async ValueTask<object?> AfterAsync(Task ended, object? result)
    {
        await ended;
        return result;
    }

    private static Task End(HttpContext context, object? result)
    {
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        var status = inner is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
        var services = context.RequestServices;
        if (!services.GetRequiredService<TenantAccessor>().HasUnitOfWork)
        {
            return Task.CompletedTask;
        }
        var uow = services.GetRequiredService<IUnitOfWork>();
        return status < 400 ? uow.CommitAsync(context.RequestAborted) : uow.RollbackAsync(context.RequestAborted);
    }
}
