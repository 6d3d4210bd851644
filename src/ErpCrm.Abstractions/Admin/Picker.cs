using Microsoft.AspNetCore.Http;

namespace ErpCrm.Admin;

/// <summary>What every lookup endpoint (the search behind a picker) shares: how many it answers and the text it takes.</summary>
public static class Lookups
{
    /// <summary>The most items one search answers: a picker shows a short list, and the user types more to narrow it.</summary>
    public const int MaxResults = 20;

    /// <summary>The longest text searched; a picker never sends more.</summary>
    public const int MaxTextLength = 200;

    /// <summary>The text searched, the query's <c>q</c> trimmed (empty for none); too long is an error keyed <c>q</c>.</summary>
    public static string Text(IQueryCollection query, IDictionary<string, string> errors)
    {
        var text = query["q"].ToString().Trim();
        if (text.Length > MaxTextLength)
        {
            errors["q"] = $"Search with at most {MaxTextLength} characters.";
            return "";
        }
        return text;
    }
}

/// <summary>
/// One answer of a lookup endpoint, the list a picker shows as the user types: <c>[{ "id", "label", "detail" }]</c>.
/// </summary>
/// <param name="Id">What the form stores (a contact's id, an account's code).</param>
/// <param name="Label">What the user reads and picks by (a name, <c>1200 Receivables</c>).</param>
/// <param name="Detail">A second, quieter line that tells two alike apart (type, email); null for none.</param>
public sealed record LookupItem(string Id, string Label, string? Detail = null);

/// <summary>
/// The model of the host's shared partial <c>_Picker</c> (<c>&lt;partial name="_Picker" model="…" /&gt;</c> from any admin page):
/// a searchable choice that shows names and posts ids. Without JavaScript it is a plain text input named <see cref="Name"/> where the
/// user types the id (or code); <c>js/picker.js</c> turns it into a WAI-ARIA combobox that asks <see cref="LookupUrl"/><c>?q=text</c>
/// for <see cref="LookupItem"/>s as the user types, shows the chosen item's label and keeps its id in the input named <see cref="Name"/>.
/// </summary>
/// <param name="Name">The input's name, the key the form posts (<c>lines[0].contactId</c>).</param>
/// <param name="Id">The input's id, what a <c>&lt;label for&gt;</c> names.</param>
/// <param name="Value">The id chosen (or typed) so far, empty for none.</param>
/// <param name="Label">The chosen item's name, shown instead of its id; null when unknown (the id is shown).</param>
/// <param name="LookupUrl">The lookup endpoint, relative to the tenant (<c>/api/contacts/lookup</c>); it answers a JSON array of <see cref="LookupItem"/>.</param>
/// <param name="Placeholder">What the empty input says, e.g. <c>Contact id</c> (without JavaScript) — the script says <c>Search…</c>.</param>
public sealed record PickerField(string Name, string Id, string Value, string? Label, string LookupUrl, string Placeholder = "")
{
    /// <summary>An accessible name when no <c>&lt;label&gt;</c> names the input (a table's row).</summary>
    public string? AriaLabel { get; init; }

    /// <summary>Whether the value was refused (<c>aria-invalid</c>).</summary>
    public bool Invalid { get; init; }

    /// <summary>The ids of the elements that describe the input (its error, a hint), space-separated.</summary>
    public string? DescribedBy { get; init; }

    /// <summary>Extra classes of the input, e.g. <c>form-control-sm</c>.</summary>
    public string? InputClass { get; init; }

    /// <summary>A <c>data-label</c> for the input, which js/ledger-entry.js uses to renumber the accessible names of a table's rows.</summary>
    public string? DataLabel { get; init; }
}
