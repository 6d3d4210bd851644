using Microsoft.AspNetCore.Mvc.ModelBinding.Metadata;

namespace ErpCrm.Web.Admin;

/// <summary>An empty text field binds as "", not null: page models keep non-null strings, whatever a form leaves blank.</summary>
internal sealed class EmptyTextStaysEmpty : IDisplayMetadataProvider
{
    public void CreateDisplayMetadata(DisplayMetadataProviderContext context) => context.DisplayMetadata.ConvertEmptyStringToNull = false;
}
