using System.Globalization;
using ErpCrm.Content;

namespace ErpCrm.Core.Content.Items;

/// <summary>
/// <see cref="IContentVisibility"/> from the caller's view scope of each content type (<see cref="ContentAuthorizer.ScopeAsync"/>):
/// the types they may view entirely, the types whose own items only they may view (the owner as <see cref="ContentQuery"/> lists
/// them: <c>erp_content_items.owner</c> of the latest version), and nothing of the others.
/// </summary>
internal sealed class ContentVisibility(ContentDefinitionStore definitions, ContentAuthorizer authorizer) : IContentVisibility
{
    private const string Prefix = ContentVisibilityFilter.ParameterPrefix;

    public async Task<ContentVisibilityFilter> FilterAsync(string contentTypeColumn, string contentItemIdColumn, CancellationToken cancellationToken)
    {
        if (authorizer.IsSystem)
        {
            return ContentVisibilityFilter.Everything;
        }
        var all = new List<string>();
        var own = new List<string>();
        var hidden = false;
        foreach (var type in await definitions.ListTypesAsync(cancellationToken))
        {
            switch (await authorizer.ScopeAsync(ContentAction.View, new ContentSchema(type.Definition, new Dictionary<string, ContentPartDefinition>()), cancellationToken))
            {
                case ContentScope.All:
                    all.Add(type.Definition.Name);
                    break;
                case ContentScope.Own:
                    own.Add(type.Definition.Name);
                    break;
                default:
                    hidden = true;
                    break;
            }
        }
        if (own.Count == 0 && !hidden)
        {
            return ContentVisibilityFilter.Everything;
        }
        var parameters = new Dictionary<string, object?>();
        string In(string name, List<string> types)
        {
            var names = types.Select((type, i) =>
            {
                var parameter = Prefix + name + i.ToString(CultureInfo.InvariantCulture);
                parameters[parameter] = type;
                return "@" + parameter;
            });
            return $"{contentTypeColumn} IN ({string.Join(", ", names)})";
        }
        var condition = new List<string>();
        if (all.Count > 0)
        {
            condition.Add(In("all", all));
        }
        if (own.Count > 0)
        {
            parameters[Prefix + "owner"] = authorizer.UserId;
            parameters[Prefix + "latest"] = true;
            // The owner of the item's latest version, as the content API's lists read it.
            condition.Add($"({In("own", own)} AND EXISTS (SELECT 1 FROM erp_content_items {Prefix}i WHERE {Prefix}i.content_item_id = {contentItemIdColumn}"
                          + $" AND {Prefix}i.latest = @{Prefix}latest AND {Prefix}i.owner = @{Prefix}owner))");
        }
        return new ContentVisibilityFilter(condition.Count == 0 ? "1 = 0" : $"({string.Join(" OR ", condition)})", parameters);
    }
}
