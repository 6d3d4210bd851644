using ErpCrm.Data;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Core.Hosting;

/// <summary>
/// Commits the request's unit of work when its endpoint succeeded, before the response is written, so that a
/// client never sees success for a change that did not commit. Error results and exceptions roll back.
/// </summary>
public sealed class UnitOfWorkFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        var inner = result is INestedHttpResult nested ? nested.Result : result;
        var status = inner is IStatusCodeHttpResult { StatusCode: { } code } ? code : StatusCodes.Status200OK;
        var uow = context.HttpContext.RequestServices.GetRequiredService<IUnitOfWork>();
        if (status < 400)
        {
            await uow.CommitAsync(context.HttpContext.RequestAborted);
        }
        else
        {
            await uow.RollbackAsync(context.HttpContext.RequestAborted);
        }
        return result;
    }
}
