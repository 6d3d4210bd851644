using ErpCrm.Core.Hosting;
using Microsoft.AspNetCore.Mvc.ApplicationModels;

namespace ErpCrm.Web.Admin;

/// <summary>Makes the pages of a folder answer 404 in every tenant but Default (host administration).</summary>
internal sealed class DefaultTenantOnlyConvention(string folder) : IPageApplicationModelConvention
{
    public void Apply(PageApplicationModel model)
    {
        if (model.ViewEnginePath.StartsWith(folder + "/", StringComparison.OrdinalIgnoreCase))
        {
            model.EndpointMetadata.Add(DefaultTenantOnlyMetadata.Instance);
        }
    }
}
