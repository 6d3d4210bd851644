using System.Text.Json.Nodes;

namespace ErpCrm.Content;

/// <summary>
/// A typed index table that a module declares for one of its parts, so that its lists and reports filter and sort
/// on columns instead of JSON. The module's migration creates the table with the columns
/// <c>version_id</c> (text, primary key), <c>content_item_id</c> (text), <c>content_type</c> (text), <c>latest</c> and
/// <c>published</c> (booleans), plus the ones <see cref="Map"/> returns (<see cref="ContentPartIndexMigrations.ContentPartIndexTable"/> creates the first five). The kernel keeps one row per stored version of
/// every item that has the part, in the transaction that stores the version, and keeps latest/published current.
/// Register implementations in the module's startup.
/// </summary>
public abstract class ContentPartIndex
{
    /// <summary>The table's name (letters, digits and '_').</summary>
    public abstract string Table { get; }

    /// <summary>The part indexed: a row is written for each version of an item that carries a part of this name.</summary>
    public abstract string PartName { get; }

    /// <summary>The module's column values for the part's JSON (column names: letters, digits and '_').</summary>
    public abstract IReadOnlyDictionary<string, object?> Map(ContentItem item, JsonObject part);
}
