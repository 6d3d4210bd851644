using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ErpCrm.Contacts.Services;
using ErpCrm.Content;
using ErpCrm.Http;
using ErpCrm.Ledger.Models;
using ErpCrm.Ledger.Services;
using ErpCrm.Money;
using ErpCrm.Security;
using ErpCrm.Tenants;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;

namespace ErpCrm.Ledger.Pages.Admin.Ledger;

/// <summary>
/// What the new entry and edit draft pages share: the form (journal, dates, reference, a row per line) read into the same JSON body the
/// API takes and read by <see cref="EntryRequestReader"/>, so amounts are parsed in one place; the errors of the reader and of
/// <see cref="LedgerPostingService"/> placed on the row and input they name (<c>lines[1].debit</c>), rows left blank skipped; and
/// "Add a line" and "Remove" for browsers without JavaScript (js/ledger-entry.js does both at once, and shows the totals while typing).
/// </summary>
public abstract partial class EntryEditorModel(EntryRequestReader reader, LedgerSettingsService settings, JournalService journals, AccountService accounts,
    PartnerNames partners, ITenantCulture culture) : LedgerPageModel
{
    public const string Draft = "draft", Post = "post";

    /// <summary>The inputs of a line; a line in a foreign currency also carries its currency and amount through hidden inputs.</summary>
    public static readonly IReadOnlyList<string> LineInputs = ["account", "description", "debit", "credit", "contactId"];

    private static readonly string[] HiddenLineInputs = ["currency", "amountCurrency"];
    private static readonly string[] HeaderInputs = ["journal", "date", "dueDate", "reference"];

    public LedgerSettings Settings { get; private set; } = null!;

    /// <summary>How the tenant types and reads amounts (its culture): the lines' amounts are read and shown with it.</summary>
    public FormNumbers Numbers { get; private set; } = FormNumbers.Default;

    /// <summary>A total as the form shows it: the base currency's decimals, thousands grouped, in the tenant's culture.</summary>
    public string Total(long minorUnits) => Numbers.Show(CurrencyAmounts.FormatAmount(minorUnits, Settings.BaseDigits), groupThousands: true);
    public IReadOnlyList<LedgerJournal> Journals { get; private set; } = [];
    private IReadOnlyDictionary<string, LedgerAccount> _accounts = new Dictionary<string, LedgerAccount>();
    public IReadOnlyDictionary<string, LedgerCurrency> Currencies { get; private set; } = new Dictionary<string, LedgerCurrency>();

    /// <summary>The names of the contacts the lines hold, by id, so that the partner pickers show names (an id no contact has shows as typed).</summary>
    public IReadOnlyDictionary<string, string> ContactNames { get; private set; } = new Dictionary<string, string>();

    /// <summary>What a line's account picker shows for the code typed or chosen (<c>1200 Receivables</c>); null for a code no account has, which shows as typed.</summary>
    public string? AccountLabel(string code) => _accounts.TryGetValue(code.Trim(), out var account) ? AccountLookup.Label(account) : null;

    /// <summary>The header's inputs, the lines' inputs (<c>lines[i].debit</c>) and every error, by input name.</summary>
    public FormFields Form { get; protected set; } = new();

    /// <summary>How many line rows the form shows.</summary>
    public int LineCount { get; protected set; }

    /// <summary>The draft's version the form was read at (edits only).</summary>
    public int? Version { get; protected set; }

    /// <summary>The index of the template row js/ledger-entry.js copies, replaced by the next free index.</summary>
    public const string TemplateIndex = "__i__";

    /// <summary>What the difference row says: balanced, or by how much and on which side.</summary>
    public static string DifferenceText(long difference, int digits, string currency) => difference switch
    {
        0 => "Balanced",
        > 0 => $"{Amount(difference, digits)} {currency} more debit than credit",
        _ => $"{Amount(-difference, digits)} {currency} more credit than debit",
    };

    /// <summary>What the form calls a line's input (its column's title), with the line's number: "Debit of line 3".</summary>
    public static string LineLabel(string input, int number) =>
        $"{input switch { "contactId" => "Contact", "" => "Line", _ => char.ToUpperInvariant(input[0]) + input[1..] }}{(input.Length == 0 ? "" : " of line")} {number.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>The header's labels by input name.</summary>
    private static readonly Dictionary<string, string> HeaderLabels = new(StringComparer.Ordinal)
    {
        ["journal"] = "Journal", ["date"] = "Date", ["dueDate"] = "Due date", ["reference"] = "Reference", ["lines"] = "Lines",
    };

    public static string Line(int row, string input) => $"lines[{row.ToString(CultureInfo.InvariantCulture)}].{input}";

    /// <summary>The error about a row as a whole (a line's currency), keyed <c>lines[i]</c>.</summary>
    public static string Row(int row) => $"lines[{row.ToString(CultureInfo.InvariantCulture)}]";

    /// <summary>The debits and credits typed, added up with the parser the reader uses; whether every amount read.</summary>
    public (long Debits, long Credits, bool AllRead) Totals()
    {
        Int128 debits = 0, credits = 0;
        var allRead = true;
        for (var row = 0; row < LineCount; row++)
        {
            foreach (var side in new[] { "debit", "credit" })
            {
                var text = Form.Value(Line(row, side)).Trim();
                if (text.Length == 0)
                {
                    continue;
                }
                if (Numbers.ToInvariant(text) is { } invariant && CurrencyAmounts.TryParseAmount(invariant, Settings.BaseDigits, out var minor, out _) && minor is >= 0 and <= EntryChecker.MaxAmount)
                {
                    if (side == "debit")
                    {
                        debits += minor;
                    }
                    else
                    {
                        credits += minor;
                    }
                }
                else
                {
                    allRead = false;
                }
            }
        }
        // A thousand lines of the largest amount overflow a long: such totals are not shown.
        return debits > long.MaxValue || credits > long.MaxValue ? (0, 0, false) : ((long)debits, (long)credits, allRead);
    }

    protected async Task LoadAsync(CancellationToken ct)
    {
        Settings = await settings.GetAsync(ct);
        Numbers = await culture.GetNumbersAsync(ct);
        Journals = await journals.ListAsync(ct);
        _accounts = (await accounts.TreeAsync(ct)).ToDictionary(a => a.Account.Code, a => a.Account, StringComparer.Ordinal);
        Currencies = await settings.CurrenciesAsync(ct);
    }

    /// <summary>Reads the names of the contacts the form's lines hold (after the form is filled), for the pickers.</summary>
    protected async Task NameContactsAsync(CancellationToken ct)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var id in Enumerable.Range(0, LineCount).Select(row => Form.Value(Line(row, "contactId")).Trim()).Where(id => id.Length > 0))
        {
            if (await partners.NameOfAsync(id, ct) is { } name)
            {
                names[id] = name;
            }
        }
        ContactNames = names;
    }

    /// <summary>The form of an entry as stored (after <see cref="LoadAsync"/>).</summary>
    protected void Fill(LedgerEntry entry)
    {
        Form = new FormFields();
        Form.Values["journal"] = entry.Journal;
        Form.Values["date"] = DateText(entry.Date);
        Form.Values["dueDate"] = DateText(entry.DueDate);
        Form.Values["reference"] = entry.Reference ?? "";
        for (var i = 0; i < entry.Lines.Count; i++)
        {
            var line = entry.Lines[i];
            Form.Values[Line(i, "account")] = line.Account;
            Form.Values[Line(i, "description")] = line.Description ?? "";
            Form.Values[Line(i, "debit")] = line.Debit == 0 ? "" : Numbers.Show(CurrencyAmounts.FormatAmount(line.Debit, Settings.BaseDigits));
            Form.Values[Line(i, "credit")] = line.Credit == 0 ? "" : Numbers.Show(CurrencyAmounts.FormatAmount(line.Credit, Settings.BaseDigits));
            Form.Values[Line(i, "contactId")] = line.ContactId ?? "";
            Form.Values[Line(i, "currency")] = line.Currency ?? "";
            Form.Values[Line(i, "amountCurrency")] = line.AmountCurrency is { } amount && line.Currency is not null ? ForeignText(amount, line.Currency) : "";
        }
        LineCount = Math.Max(entry.Lines.Count, 2);
        Version = entry.Version;
    }

    /// <summary>
    /// Reads the posted form into <see cref="Form"/>: rows renumbered from 0 in the order sent (a removed row leaves a gap), the row
    /// <paramref name="remove"/> names dropped, and one blank row more when <paramref name="add"/>.
    /// </summary>
    private void ReadForm(bool add, int? remove)
    {
        Form = new FormFields();
        foreach (var name in HeaderInputs)
        {
            Form.Values[name] = Request.Form[name].ToString();
        }
        var sent = Request.Form.Keys.Select(k => LineKey().Match(k)).Where(m => m.Success)
            .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)).Distinct().Order().ToList();
        var row = 0;
        foreach (var index in sent)
        {
            if (index == remove)
            {
                continue;
            }
            foreach (var input in LineInputs.Concat(HiddenLineInputs))
            {
                Form.Values[Line(row, input)] = Request.Form[Line(index, input)].ToString();
            }
            row++;
        }
        LineCount = row + (add ? 1 : 0);
        Version = int.TryParse(Request.Form["version"], NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version : null;
    }

    /// <summary>
    /// The entry the form describes, read as the API reads a body; null with the errors placed on the form when it does not read.
    /// Rows left blank are skipped; <see cref="Sent"/> maps the lines read back to the rows they came from.
    /// </summary>
    private async Task<EntryDraft?> ReadEntryAsync(CancellationToken ct)
    {
        var body = new JsonObject { ["reference"] = Form.Value("reference") };
        foreach (var name in new[] { "journal", "date", "dueDate" }.Where(n => Form.Value(n).Trim().Length > 0))
        {
            body[name] = Form.Value(name);
        }
        var lines = new JsonArray();
        var sent = new List<int>();
        // Amounts typed in the tenant's culture go to the reader as the API writes them; one that is not a number is its input's error.
        var unread = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var row = 0; row < LineCount; row++)
        {
            var line = new JsonObject();
            foreach (var input in LineInputs.Concat(HiddenLineInputs).Where(i => Form.Value(Line(row, i)).Trim().Length > 0))
            {
                var text = Form.Value(Line(row, input));
                if (input is "debit" or "credit" or "amountCurrency")
                {
                    if (Numbers.ToInvariant(text) is { } invariant)
                    {
                        text = invariant;
                    }
                    else
                    {
                        // The reader gets text that is no amount, so that it refuses the entry and names its other problems too (an
                        // account that does not exist); the form shows the culture's message at the input instead of the reader's.
                        unread[Line(row, input)] = Numbers.NotANumber(LineLabel(input, row + 1));
                        text = "?";
                    }
                }
                line[input] = text;
            }
            if (line.Count > 0)
            {
                lines.Add(line);
                sent.Add(row);
            }
        }
        body["lines"] = lines;
        Sent = sent;
        var errors = new Dictionary<string, string>();
        var (entry, _) = await reader.ReadAsync(body, "", errors, ct);
        if (entry is null || unread.Count > 0)
        {
            Place(errors, "", unread);
            return null;
        }
        return entry;
    }

    /// <summary>
    /// Reads the posted form and the entry it describes: the answer to give when there is nothing to save (a row added or removed, or an
    /// entry that does not read), else the entry.
    /// </summary>
    protected async Task<(IActionResult? Answer, EntryDraft? Entry)> ReadPostAsync(string? add, int? remove, CancellationToken ct)
    {
        Numbers = await culture.GetNumbersAsync(ct);
        ReadForm(add is not null, remove);
        if (add is not null || remove is not null)
        {
            return (await ReshapedAsync(ct), null);
        }
        return await ReadEntryAsync(ct) is { } entry ? (null, entry) : (await InvalidAsync(ct), null);
    }

    /// <summary>The form's row of each line read, in order.</summary>
    protected IReadOnlyList<int> Sent { get; private set; } = [];

    /// <summary>Answers a refused save or post: the errors on the form, the status that rolls the unit of work back.</summary>
    protected async Task<IActionResult> RefusedAsync(Result<LedgerEntry> refused, CancellationToken ct)
    {
        if (refused.Status == ResultStatus.Forbidden)
        {
            return Forbid();
        }
        Place(refused.Errors, refused.Detail);
        await LoadAsync(ct);
        await NameContactsAsync(ct);
        return PageWith(ApiResults.StatusCode(refused.Status));
    }

    /// <summary>The form again with its errors (400: nothing of it is kept).</summary>
    private async Task<IActionResult> InvalidAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        await NameContactsAsync(ct);
        return PageWith(StatusCodes.Status400BadRequest);
    }

    /// <summary>The form again as typed, with a row more or less (nothing is saved).</summary>
    private async Task<IActionResult> ReshapedAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        await NameContactsAsync(ct);
        return Page();
    }

    /// <summary>Puts each error where the form shows it: a line's input on its row, a line's other problems on the row, the rest above the form.</summary>
    private void Place(IReadOnlyDictionary<string, string> errors, string detail, IReadOnlyDictionary<string, string>? unread = null)
    {
        var placed = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, given) in errors)
        {
            var match = LineError().Match(key);
            if (match.Success && int.TryParse(match.Groups[1].Value, CultureInfo.InvariantCulture, out var index) && index < Sent.Count)
            {
                // The service counts the lines it read; the form numbers its rows, blank ones included.
                var input = match.Groups[2].Value;
                var own = LineInputs.Contains(input);
                var at = own ? Line(Sent[index], input) : Row(Sent[index]);
                var message = FormMessages.Labelled(key, given, LineLabel(own ? input : "", Sent[index] + 1));
                placed[at] = placed.TryGetValue(at, out var other) ? $"{other} {message}" : message;
            }
            else
            {
                placed[key] = FormMessages.Labelled(key, given, HeaderLabels.GetValueOrDefault(key));
            }
        }
        foreach (var (input, message) in unread ?? new Dictionary<string, string>())
        {
            placed[input] = message;
        }
        var shown = new List<string>(HeaderInputs) { "lines" };
        for (var row = 0; row < LineCount; row++)
        {
            shown.Add(Row(row));
            shown.AddRange(LineInputs.Select(i => Line(row, i)));
        }
        Form.Add(placed, detail, shown);
        Summarize(Form, problems: true);
    }

    private string ForeignText(long amount, string currency) =>
        Numbers.Show(CurrencyAmounts.FormatAmount(amount, Currencies.TryGetValue(currency, out var known) ? known.MinorUnits : Settings.BaseDigits));

    [GeneratedRegex(@"^lines\[(\d{1,4})\]\.[A-Za-z]+$")]
    private static partial Regex LineKey();

    [GeneratedRegex(@"^lines\[(\d+)\]\.?([A-Za-z]*)$")]
    private static partial Regex LineError();
}
