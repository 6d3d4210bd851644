using System.Net;
using System.Text.Json;
using ErpCrm.Data;
using ErpCrm.Testing;
using Xunit.Abstractions;
using static ErpCrm.Testing.LedgerClient;
using static ErpCrm.Testing.LedgerReportReader;

namespace ErpCrm.Ledger.Tests;

/// <summary>
/// A property test of the books: a seeded random company posts 60 to 100 balanced entries over two years through the API (single
/// posts, batches, drafts posted later, reversals, and the first year's close in the middle), while the test keeps its own model of
/// every posted line. Whatever the entries, the reports must agree with each other and with the model: the trial balance balances and
/// each line adds up, the balance sheet identity holds, the profit and loss equals income less expense, the general ledger ends where
/// the trial balance does, and verify finds nothing wrong. A failure names its seed; run that seed again to see it again.
/// </summary>
public abstract class LedgerPropertyHttpTests(DatabaseProvider provider, ITestOutputHelper output) : SetUpHostTests(provider)
{
    private static readonly (string Code, string Type)[] Chart =
    [
        ("1000", "asset"), ("1100", "asset"), ("1200", "asset"), ("1300", "asset"), ("1500", "asset"), ("1590", "asset"),
        ("2000", "liability"), ("2100", "liability"), ("3000", "equity"), ("3900", "equity"),
        ("4000", "income"), ("5000", "expense"), ("6100", "expense"), ("6800", "expense"),
    ];

    private static readonly Dictionary<string, string> TypeOf = Chart.ToDictionary(a => a.Code, a => a.Type);

    private static readonly string[] Journals = ["GEN", "SAL", "PUR", "BNK", "CSH"];

    private static readonly DateOnly FirstYearEnd = new(2026, 12, 31), SecondYearStart = new(2027, 1, 1), SecondYearEnd = new(2027, 12, 31);

    /// <summary>A line of the model: what the test posted, as the books must hold it.</summary>
    private sealed record Line(string Account, DateOnly Date, long Debit, long Credit, bool Closing = false);

    /// <summary>An entry the test made: its lines, and whether it may still be reversed.</summary>
    private sealed class Made(DateOnly date, IReadOnlyList<(string Account, long Debit, long Credit)> lines, string journal)
    {
        public long Id { get; set; }
        public DateOnly Date { get; } = date;
        public string Journal { get; } = journal;
        public IReadOnlyList<(string Account, long Debit, long Credit)> Lines { get; } = lines;
        public bool Reversible { get; set; } = true;
    }

    private readonly List<Line> _model = [];
    private readonly List<Made> _posted = [];
    private readonly List<Made> _drafts = [];
    private readonly List<Made> _batch = [];
    private int _batchSize, _references, _batches, _draftsMade, _reversals;
    private string _partner = "";
    private Random _random = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync(Feature);
        await Admin.CreateSmallChartAsync();
        _partner = (await Admin.CreateContactAsync(ContactsClient.Company("Partner Ltd", customer: true, supplier: true))).Id();
    }

    [Theory]
    [InlineData(7)]
    [InlineData(2026)]
    [InlineData(914_301)]
    public async Task Random_balanced_entries_over_two_years_with_a_close_keep_every_report_consistent_and_verify_clean(int seed)
    {
        try
        {
            await RunAsync(seed);
        }
        catch (Exception e)
        {
            throw new Xunit.Sdk.XunitException($"seed {seed}: {e.Message}", e);
        }
    }

    private async Task RunAsync(int seed)
    {
        _random = new Random(seed);
        _batchSize = _random.Next(2, 6);
        var count = _random.Next(60, 101);
        var dates = Enumerable.Range(0, count).Select(_ => _random.NextDouble() < 0.55 ? RandomDay(2026) : RandomDay(2027)).ToList();
        // Every 2026 entry comes before the close, and some of 2027 too: the new year may begin before the old one is closed.
        var beforeClose = new List<DateOnly>();
        var afterClose = new List<DateOnly>();
        foreach (var date in dates)
        {
            (date.Year == 2026 || _random.NextDouble() < 0.4 ? beforeClose : afterClose).Add(date);
        }

        foreach (var date in beforeClose)
        {
            await StepAsync(date, lastReversalDate: SecondYearEnd);
        }
        await FlushBatchAsync();
        foreach (var draft in _drafts.Where(d => d.Date.Year == 2026).ToList())
        {
            await PostDraftAsync(draft);
        }

        await CloseFirstYearAsync();
        await RefusedAfterTheCloseAsync();

        foreach (var date in afterClose)
        {
            await StepAsync(date, lastReversalDate: SecondYearEnd, earliestReversalDate: SecondYearStart);
        }
        await FlushBatchAsync();
        foreach (var draft in _drafts.ToList())
        {
            await PostDraftAsync(draft);
        }

        output.WriteLine($"seed {seed}: {_posted.Count} entries posted ({_batches} batches, {_draftsMade} drafts posted later, {_reversals} reversals), "
            + $"{beforeClose.Count} made before the close of 2026 and {afterClose.Count} after, {_model.Count} lines");
        await AssertBooksAsync();
    }

    /// <summary>One random step: an entry posted alone, added to a batch, or saved as a draft; now and then a draft posted or an entry reversed.</summary>
    private async Task StepAsync(DateOnly date, DateOnly lastReversalDate, DateOnly? earliestReversalDate = null)
    {
        var made = RandomEntry(date);
        var how = _random.NextDouble();
        if (how < 0.15)
        {
            var draft = await Admin.PostEntryAsync(Body(made, post: false));
            Assert.Equal("draft", draft.Text("state"));
            made.Id = draft.Id();
            _drafts.Add(made);
            _draftsMade++;
        }
        else if (how < 0.5)
        {
            _batch.Add(made);
            if (_batch.Count >= _batchSize)
            {
                await FlushBatchAsync();
            }
        }
        else
        {
            var posted = await Admin.PostEntryAsync(Body(made, post: true));
            Assert.Equal("posted", posted.Text("state"));
            Record(made, posted.Id());
        }
        if (_drafts.Count > 0 && _random.NextDouble() < 0.2)
        {
            await PostDraftAsync(_drafts[_random.Next(_drafts.Count)]);
        }
        if (_random.NextDouble() < 0.1)
        {
            await ReverseOneAsync(lastReversalDate, earliestReversalDate);
        }
    }

    private async Task FlushBatchAsync()
    {
        if (_batch.Count == 0)
        {
            return;
        }
        var posted = await Admin.PostBatchAsync(_batch.Select(m => Body(m, post: true)));
        Assert.Equal(_batch.Count, posted.Count);
        foreach (var (made, entry) in _batch.Zip(posted))
        {
            Assert.Equal(("posted", made.Journal), (entry.Text("state"), entry.Text("journal")));
            Record(made, entry.Id());
        }
        _batch.Clear();
        _batches++;
        _batchSize = _random.Next(2, 6);
    }

    private async Task PostDraftAsync(Made draft)
    {
        using var response = await Admin.PostAsync($"api/ledger/entries/{draft.Id}/post", null);
        var posted = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("posted", posted.Text("state"));
        _drafts.Remove(draft);
        Record(draft, draft.Id);
    }

    private async Task ReverseOneAsync(DateOnly last, DateOnly? earliest)
    {
        var candidates = _posted.Where(m => m.Reversible).ToList();
        if (candidates.Count == 0)
        {
            return;
        }
        var original = candidates[_random.Next(candidates.Count)];
        var from = earliest is { } e && e > original.Date ? e : original.Date;
        var date = from.AddDays(_random.Next(0, 46));
        if (date > last)
        {
            date = last;
        }
        using var response = await Admin.PostJsonAsync($"api/ledger/entries/{original.Id}/reverse", new { date = Text(date) });
        var reversal = await response.ReadJsonAsync(HttpStatusCode.Created);
        Assert.Equal(original.Id, reversal.GetProperty("reversalOf").GetInt64());
        original.Reversible = false;
        _reversals++;
        var mirror = new Made(date, original.Lines.Select(l => (l.Account, l.Credit, l.Debit)).ToList(), original.Journal) { Reversible = false };
        Record(mirror, reversal.Id());
    }

    /// <summary>Closes 2026 and checks the closing entry against the model: each income and expense account back to zero, the result in 3900.</summary>
    private async Task CloseFirstYearAsync()
    {
        using var closing = await Admin.PostAsync("api/ledger/fiscal-years/2026/close", null);
        var year = await closing.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal("closed", year.Text("state"));
        var expected = _model.Where(l => l.Date.Year == 2026 && IsProfitAndLoss(l.Account))
            .GroupBy(l => l.Account).Select(g => (Account: g.Key, Balance: g.Sum(l => l.Debit - l.Credit))).Where(b => b.Balance != 0)
            .OrderBy(b => b.Account, StringComparer.Ordinal)
            .Select(b => (b.Account, Debit: b.Balance < 0 ? -b.Balance : 0, Credit: b.Balance > 0 ? b.Balance : 0)).ToList();
        var result = expected.Sum(l => l.Debit - l.Credit);
        if (result != 0)
        {
            expected.Add(("3900", result < 0 ? -result : 0, result > 0 ? result : 0));
        }
        var entry = await Admin.GetEntryAsync(year.GetProperty("closingEntryId").GetInt64());
        var lines = entry.GetProperty("lines").EnumerateArray().Select(l => (l.Text("account"), Cents(l.Text("debit")), Cents(l.Text("credit")))).ToList();
        Assert.Equal(expected, lines);
        _model.AddRange(lines.Select(l => new Line(l.Item1, FirstYearEnd, l.Item2, l.Item3, Closing: true)));
    }

    /// <summary>After the close nothing more goes into 2026: a post, a batch with one such entry, a reversal dated in it. Nothing is written.</summary>
    private async Task RefusedAfterTheCloseAsync()
    {
        var before = (await Admin.GetLedgerJsonAsync("api/ledger/entries")).GetProperty("total").GetInt64();
        using var late = await Admin.PostJsonAsync("api/ledger/entries", Body(RandomEntry(RandomDay(2026)), post: true));
        await late.AssertProblemAsync(HttpStatusCode.Conflict);
        using var batch = await Admin.PostJsonAsync("api/ledger/entries/batch", new { entries = new[] { Body(RandomEntry(SecondYearStart), true), Body(RandomEntry(FirstYearEnd), true) } });
        await batch.AssertProblemAsync(HttpStatusCode.Conflict);
        if (_posted.FirstOrDefault(m => m.Reversible && m.Date.Year == 2026) is { } open)
        {
            using var reversal = await Admin.PostJsonAsync($"api/ledger/entries/{open.Id}/reverse", new { date = Text(FirstYearEnd) });
            await reversal.AssertProblemAsync(HttpStatusCode.Conflict);
        }
        Assert.Equal(before, (await Admin.GetLedgerJsonAsync("api/ledger/entries")).GetProperty("total").GetInt64());
    }

    private async Task AssertBooksAsync()
    {
        var verify = await Admin.AssertVerifiedAsync();
        Assert.Equal(_posted.Count + 1, verify.GetProperty("entries").GetInt64()); // and the closing entry
        Assert.Equal(_model.Count, verify.GetProperty("lines").GetInt64());
        Assert.Equal(0, (await Admin.GetLedgerJsonAsync("api/ledger/entries?state=draft")).GetProperty("total").GetInt64());

        var ranges = new List<(DateOnly, DateOnly)> { (new(2026, 1, 1), SecondYearEnd), (new(2026, 1, 1), FirstYearEnd), (SecondYearStart, SecondYearEnd) };
        var a = RandomDay(_random.Next(2) == 0 ? 2026 : 2027);
        var b = RandomDay(_random.Next(2) == 0 ? 2026 : 2027);
        ranges.Add(a <= b ? (a, b) : (b, a));
        var trialBalances = new Dictionary<(DateOnly, DateOnly), JsonElement>();
        foreach (var (from, to) in ranges)
        {
            trialBalances[(from, to)] = await AssertTrialBalanceAsync(from, to);
        }

        foreach (var at in new[] { new DateOnly(2026, 6, 30), FirstYearEnd, new DateOnly(2027, 3, 31), SecondYearEnd, RandomDay(2026), RandomDay(2027) })
        {
            await AssertBalanceSheetAsync(at);
        }

        // The profit and loss of the closed year: income less expense as the trial balance moved them, without the closing entry.
        var closingEntry = _model.Where(l => l.Closing).ToList();
        var firstYear = trialBalances[(new(2026, 1, 1), FirstYearEnd)];
        var firstResult = ProfitAndLossLines(firstYear).Sum(l => l.Cents("credit") - l.Cents("debit"))
            - closingEntry.Where(l => IsProfitAndLoss(l.Account)).Sum(l => l.Credit - l.Debit);
        var firstProfitAndLoss = await AssertProfitAndLossAsync(new(2026, 1, 1), FirstYearEnd, firstResult);
        Assert.Equal(closingEntry.Where(l => l.Account == "3900").Sum(l => l.Credit - l.Debit), firstProfitAndLoss);
        var secondYear = trialBalances[(SecondYearStart, SecondYearEnd)];
        var secondResult = ProfitAndLossLines(secondYear).Sum(l => l.Cents("credit") - l.Cents("debit"));
        await AssertProfitAndLossAsync(SecondYearStart, SecondYearEnd, secondResult);
        await AssertProfitAndLossAsync(new(2026, 1, 1), SecondYearEnd, firstResult + secondResult);

        // Each account's general ledger starts and ends where the trial balance does, and its lines add up from one to the other.
        foreach (var line in trialBalances[(new(2026, 1, 1), SecondYearEnd)].GetProperty("lines").EnumerateArray())
        {
            var account = line.Text("account");
            var ledger = await Admin.ReportAsync($"general-ledger?account={account}&from=2026-01-01&to={Text(SecondYearEnd)}");
            var lines = ledger.GetProperty("lines").EnumerateArray().ToList();
            Assert.Equal((account, line.Text("opening"), line.Text("closing")), (account, ledger.Text("opening"), ledger.Text("closing")));
            Assert.Equal(ledger.Cents("closing"), ledger.Cents("opening") + lines.Sum(l => l.Cents("debit") - l.Cents("credit")));
            Assert.Equal((account, ledger.Text("closing")), (account, lines[^1].Text("balance")));
            Assert.Equal((account, _model.Count(l => l.Account == account)), (account, lines.Count));
        }
    }

    /// <summary>The trial balance over a range: it balances, each line adds up, and it equals the model account by account.</summary>
    private async Task<JsonElement> AssertTrialBalanceAsync(DateOnly from, DateOnly to)
    {
        var report = await Admin.ReportAsync($"trial-balance?from={Text(from)}&to={Text(to)}");
        var lines = report.GetProperty("lines").EnumerateArray().ToList();
        var totals = report.GetProperty("totals");
        var range = $"{Text(from)}..{Text(to)}";
        Assert.True(totals.Text("debit") == totals.Text("credit"), $"{range}: total debit {totals.Text("debit")} <> total credit {totals.Text("credit")}");
        Assert.Equal((range, totals.Cents("debit"), totals.Cents("credit")), (range, lines.Sum(l => l.Cents("debit")), lines.Sum(l => l.Cents("credit"))));
        foreach (var line in lines)
        {
            Assert.True(line.Cents("closing") == line.Cents("opening") + line.Cents("debit") - line.Cents("credit"), $"{range}: {line.GetRawText()} does not add up");
        }
        Assert.Equal((range, 0L, 0L), (range, lines.Sum(l => l.Cents("opening")), lines.Sum(l => l.Cents("closing"))));
        var expected = _model.Where(l => l.Date <= to).GroupBy(l => l.Account).Select(g =>
            {
                var before = g.Where(l => l.Date < from).Sum(l => l.Debit - l.Credit);
                var debit = g.Where(l => l.Date >= from).Sum(l => l.Debit);
                var credit = g.Where(l => l.Date >= from).Sum(l => l.Credit);
                return (Account: g.Key, Line: $"{g.Key} {Amount(before)} {Amount(debit)} {Amount(credit)} {Amount(before + debit - credit)}", Listed: before != 0 || debit != 0 || credit != 0);
            })
            .Where(x => x.Listed).OrderBy(x => x.Account, StringComparer.Ordinal).Select(x => x.Line).ToList();
        Assert.Equal(expected, lines.Select(l => $"{l.Text("account")} {l.Text("opening")} {l.Text("debit")} {l.Text("credit")} {l.Text("closing")}"));
        return report;
    }

    /// <summary>The balance sheet at a date: balanced by its flag and by its own figures, each section equal to the model.</summary>
    private async Task AssertBalanceSheetAsync(DateOnly at)
    {
        var sheet = await Admin.ReportAsync($"balance-sheet?at={Text(at)}");
        var totals = sheet.GetProperty("totals");
        long Section(string name)
        {
            var section = sheet.GetProperty(name);
            var sum = section.GetProperty("lines").EnumerateArray().Sum(l => l.Cents("amount"));
            Assert.Equal((Text(at), name, section.Cents("total")), (Text(at), name, sum));
            return sum;
        }
        var assets = Section("assets");
        var liabilities = Section("liabilities");
        var equity = Section("equity");
        var current = sheet.Cents("currentYearResult");
        var earlier = sheet.Cents("earlierYearsResult");
        Assert.True(sheet.GetProperty("balanced").GetBoolean(), $"balance sheet at {Text(at)} is not balanced: {sheet.GetRawText()}");
        Assert.Equal((Text(at), assets, liabilities + equity + current + earlier), (Text(at), totals.Cents("assets"), totals.Cents("liabilitiesAndEquity")));
        Assert.Equal(totals.Cents("assets"), totals.Cents("liabilitiesAndEquity"));

        var yearStart = new DateOnly(at.Year, 1, 1);
        var upTo = _model.Where(l => l.Date <= at).ToList();
        IReadOnlyList<string> Expected(string type, int sign) => upTo.Where(l => TypeOf[l.Account] == type).GroupBy(l => l.Account)
            .Select(g => (g.Key, Amount: sign * g.Sum(l => l.Debit - l.Credit))).Where(x => x.Amount != 0)
            .OrderBy(x => x.Key, StringComparer.Ordinal).Select(x => $"{x.Key} {Amount(x.Amount)}").ToList();
        IReadOnlyList<string> Actual(string name) => sheet.GetProperty(name).GetProperty("lines").EnumerateArray().Select(l => $"{l.Text("account")} {l.Text("amount")}").ToList();
        Assert.Equal(Expected("asset", 1), Actual("assets"));
        Assert.Equal(Expected("liability", -1), Actual("liabilities"));
        Assert.Equal(Expected("equity", -1), Actual("equity"));
        var profitAndLoss = upTo.Where(l => IsProfitAndLoss(l.Account)).ToList();
        Assert.Equal((Text(at), -profitAndLoss.Where(l => l.Date >= yearStart).Sum(l => l.Debit - l.Credit), -profitAndLoss.Where(l => l.Date < yearStart).Sum(l => l.Debit - l.Credit)),
            (Text(at), current, earlier));
    }

    /// <summary>The profit and loss over a range has the expected result, equal to its income less its expense and to its months; its result.</summary>
    private async Task<long> AssertProfitAndLossAsync(DateOnly from, DateOnly to, long expected)
    {
        var report = await Admin.ReportAsync($"profit-and-loss?from={Text(from)}&to={Text(to)}");
        var income = report.GetProperty("income");
        var expense = report.GetProperty("expense");
        var range = $"{Text(from)}..{Text(to)}";
        Assert.Equal((range, income.Cents("total")), (range, income.GetProperty("lines").EnumerateArray().Sum(l => l.Cents("amount"))));
        Assert.Equal((range, expense.Cents("total")), (range, expense.GetProperty("lines").EnumerateArray().Sum(l => l.Cents("amount"))));
        Assert.Equal((range, expected, expected, expected), (range, report.Cents("result"), income.Cents("total") - expense.Cents("total"),
            report.GetProperty("months").EnumerateArray().Sum(m => m.Cents("result"))));
        var inRange = _model.Where(l => !l.Closing && l.Date >= from && l.Date <= to && IsProfitAndLoss(l.Account)).GroupBy(l => l.Account)
            .Select(g => (g.Key, Net: g.Sum(l => l.Credit - l.Debit))).OrderBy(x => x.Key, StringComparer.Ordinal).ToList();
        Assert.Equal(inRange.Where(x => TypeOf[x.Key] == "income").Select(x => $"{x.Key} {Amount(x.Net)}"),
            income.GetProperty("lines").EnumerateArray().Select(l => $"{l.Text("account")} {l.Text("amount")}"));
        Assert.Equal(inRange.Where(x => TypeOf[x.Key] == "expense").Select(x => $"{x.Key} {Amount(-x.Net)}"),
            expense.GetProperty("lines").EnumerateArray().Select(l => $"{l.Text("account")} {l.Text("amount")}"));
        return report.Cents("result");
    }

    private static IEnumerable<JsonElement> ProfitAndLossLines(JsonElement trialBalance) =>
        trialBalance.GetProperty("lines").EnumerateArray().Where(l => l.Text("type") is "income" or "expense");

    private void Record(Made made, long id)
    {
        made.Id = id;
        _posted.Add(made);
        _model.AddRange(made.Lines.Select(l => new Line(l.Account, made.Date, l.Debit, l.Credit)));
    }

    /// <summary>2 to 5 lines on random accounts of every type, random amounts with cents, at least one debit and one credit, balanced.</summary>
    private Made RandomEntry(DateOnly date)
    {
        var count = _random.Next(2, 6);
        var lines = new List<(string Account, long Debit, long Credit)>();
        for (var i = 0; i < count; i++)
        {
            var debit = i == 0 || (i > 1 && _random.Next(2) == 0);
            var amount = (long)_random.Next(1, 500_000);
            lines.Add((Chart[_random.Next(Chart.Length)].Code, debit ? amount : 0, debit ? 0 : amount));
        }
        var difference = lines.Sum(l => l.Debit - l.Credit);
        var shortSide = Enumerable.Range(0, count).Where(i => difference > 0 ? lines[i].Credit > 0 : lines[i].Debit > 0).ToList();
        var index = shortSide[_random.Next(shortSide.Count)];
        lines[index] = difference > 0 ? (lines[index].Account, 0, lines[index].Credit + difference) : (lines[index].Account, lines[index].Debit - difference, 0);
        return new Made(date, lines, Journals[_random.Next(Journals.Length)]);
    }

    private object Body(Made made, bool post) => new
    {
        journal = made.Journal,
        date = Text(made.Date),
        reference = $"random {++_references}",
        post,
        lines = made.Lines.Select(l =>
        {
            var contactId = l.Account is "1200" or "2000" ? _partner : null;
            return l.Debit > 0 ? Dr(l.Account, Amount(l.Debit), contactId) : Cr(l.Account, Amount(l.Credit), contactId);
        }).ToArray(),
    };

    private DateOnly RandomDay(int year) => new DateOnly(year, 1, 1).AddDays(_random.Next(DateTime.IsLeapYear(year) ? 366 : 365));

    private static bool IsProfitAndLoss(string account) => TypeOf[account] is "income" or "expense";

    private static string Text(DateOnly date) => date.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}

public sealed class SqliteLedgerPropertyHttpTests(ITestOutputHelper output) : LedgerPropertyHttpTests(DatabaseProvider.Sqlite, output);

public sealed class PostgresLedgerPropertyHttpTests(ITestOutputHelper output) : LedgerPropertyHttpTests(DatabaseProvider.Postgres, output);
