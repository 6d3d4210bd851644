using ErpCrm.Http;
using ErpCrm.Ledger.Models;
using ErpCrm.Ledger.Services;
using ErpCrm.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ErpCrm.Ledger.Endpoints;

/// <summary>
/// The ledger's reports and its audit (ViewLedger): <c>GET /api/ledger/reports/trial-balance?from=&amp;to=</c>,
/// <c>general-ledger?account=&amp;from=&amp;to=</c>, <c>profit-and-loss?from=&amp;to=</c>, <c>balance-sheet?at=</c>,
/// <c>aged-receivables?at=</c>, <c>aged-payables?at=</c>, each as JSON or, with <c>format=csv</c>, as a CSV download; and
/// <c>GET /api/ledger/verify</c>. Dates are <c>yyyy-MM-dd</c> and required; amounts are strings with exactly the base currency's
/// decimals.
/// </summary>
public static class LedgerReportsApi
{
    public static void MapLedgerReportsApi(this IEndpointRouteBuilder endpoints)
    {
        var ledger = endpoints.MapGroup("/api/ledger").WithTags(LedgerApi.Tag);
        // Every report is also a CSV download with format=csv.
        var reports = ledger.MapGroup("/reports")
            .WithQuery("format", "json (the default) or csv, a file to download.", ApiValueType.String, false, "json", "csv");
        reports.MapGet("/trial-balance", TrialBalanceAsync).RequirePermission(Permissions.ViewLedger).WithName("GetTrialBalance")
            .WithSummary("Opening, debit, credit and closing per account over a period").WithPeriod();
        reports.MapGet("/general-ledger", GeneralLedgerAsync).RequirePermission(Permissions.ViewLedger).WithName("GetGeneralLedger")
            .WithSummary("An account's lines over a period, with the running balance")
            .WithQuery("account", "The account's code.", ApiValueType.String, true).WithPeriod();
        reports.MapGet("/profit-and-loss", ProfitAndLossAsync).RequirePermission(Permissions.ViewLedger).WithName("GetProfitAndLoss")
            .WithSummary("Income and expenses over a period").WithPeriod();
        reports.MapGet("/balance-sheet", BalanceSheetAsync).RequirePermission(Permissions.ViewLedger).WithName("GetBalanceSheet")
            .WithSummary("Assets, liabilities and equity on a day, with the year's result").WithDay();
        reports.MapGet("/aged-receivables", (HttpContext http, AgedBalanceService aged, LedgerSettingsService settings, CancellationToken ct) =>
            AgedAsync(http, AccountSubtypes.Receivable, aged, settings, ct)).RequirePermission(Permissions.ViewLedger).WithName("GetAgedReceivables")
            .WithSummary("What customers owe on a day, by age").WithDay();
        reports.MapGet("/aged-payables", (HttpContext http, AgedBalanceService aged, LedgerSettingsService settings, CancellationToken ct) =>
            AgedAsync(http, AccountSubtypes.Payable, aged, settings, ct)).RequirePermission(Permissions.ViewLedger).WithName("GetAgedPayables")
            .WithSummary("What is owed to suppliers on a day, by age").WithDay();
        ledger.MapGet("/verify", VerifyAsync).RequirePermission(Permissions.ViewLedger).WithName("VerifyLedger")
            .WithSummary("Checks every journal's hash chain, balance, numbering and the balances");
    }

    private static RouteHandlerBuilder WithPeriod(this RouteHandlerBuilder report) => report
        .WithQuery("from", "The period's first day.", ApiValueType.Date, true)
        .WithQuery("to", "The period's last day.", ApiValueType.Date, true);

    private static RouteHandlerBuilder WithDay(this RouteHandlerBuilder report) =>
        report.WithQuery("at", "The day the report is as of (the end of it).", ApiValueType.Date, true);

    private static Task<Results<Ok<object>, FileContentHttpResult, ValidationProblem>> TrialBalanceAsync(
        HttpContext http, LedgerReportService reports, LedgerSettingsService settings, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var (from, to) = Period(http, errors);
        return AnswerAsync(http, errors, settings, () => reports.TrialBalanceAsync(from, to, ct), LedgerReportCsv.TrialBalance, (report, a) => new
        {
            from = LedgerDates.Text(report.From),
            to = LedgerDates.Text(report.To),
            currency = a.Currency,
            lines = report.Lines.Select(l => new
            {
                account = l.Account, name = l.Name, type = l.Type, opening = a[l.Opening], debit = a[l.Debit], credit = a[l.Credit], closing = a[l.Closing],
            }),
            totals = new { opening = a[report.Opening], debit = a[report.Debit], credit = a[report.Credit], closing = a[report.Closing] },
        }, ct);
    }

    private static async Task<Results<Ok<object>, FileContentHttpResult, ValidationProblem>> GeneralLedgerAsync(
        HttpContext http, AccountStatementService statements, AccountService accounts, LedgerSettingsService settings, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var (from, to) = Period(http, errors);
        var code = http.Request.Query["account"].ToString().Trim();
        var account = code.Length == 0 ? null : await accounts.FindAsync(code, ct);
        if (account is null)
        {
            errors["account"] = code.Length == 0 ? "account is required: the code of the account to list." : $"There is no account '{code}'.";
        }
        return await AnswerAsync(http, errors, settings, () => statements.StatementAsync(account!, from, to, ct), LedgerReportCsv.Statement, (report, a) => new
        {
            account = new { code = report.Account.Code, name = report.Account.Name, type = report.Account.Type, subtype = report.Account.Subtype },
            from = LedgerDates.Text(report.From),
            to = LedgerDates.Text(report.To),
            currency = a.Currency,
            opening = a[report.Opening],
            lines = report.Lines.Select(l => new
            {
                date = LedgerDates.Text(l.Date), entryId = l.EntryId, number = l.Number, journal = l.Journal, reference = l.Reference,
                description = l.Description, contactId = l.ContactId, contact = l.ContactName, debit = a[l.Debit], credit = a[l.Credit], balance = a[l.Balance],
            }),
            totals = new { debit = a[report.Debit], credit = a[report.Credit] },
            closing = a[report.Closing],
            truncated = report.Truncated,
            maxLines = AccountStatementService.MaxLines,
        }, ct);
    }

    private static Task<Results<Ok<object>, FileContentHttpResult, ValidationProblem>> ProfitAndLossAsync(
        HttpContext http, LedgerReportService reports, LedgerSettingsService settings, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var (from, to) = Period(http, errors);
        return AnswerAsync(http, errors, settings, () => reports.ProfitAndLossAsync(from, to, ct), LedgerReportCsv.ProfitAndLoss, (report, a) => new
        {
            from = LedgerDates.Text(report.From),
            to = LedgerDates.Text(report.To),
            currency = a.Currency,
            income = Section(report.Income, a),
            expense = Section(report.Expense, a),
            result = a[report.Result],
            months = report.Months.Select(m => new { month = m.Month, income = a[m.Income], expense = a[m.Expense], result = a[m.Result] }),
        }, ct);
    }

    private static Task<Results<Ok<object>, FileContentHttpResult, ValidationProblem>> BalanceSheetAsync(
        HttpContext http, LedgerReportService reports, LedgerSettingsService settings, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var at = Date(http, "at", errors);
        return AnswerAsync(http, errors, settings, () => reports.BalanceSheetAsync(at, ct), LedgerReportCsv.BalanceSheet, (report, a) => new
        {
            at = LedgerDates.Text(report.At),
            currency = a.Currency,
            fiscalYear = new { name = report.Year.Name, start = LedgerDates.Text(report.Year.Start), end = LedgerDates.Text(report.Year.End) },
            assets = Section(report.Assets, a),
            liabilities = Section(report.Liabilities, a),
            equity = Section(report.Equity, a),
            currentYearResult = a[report.CurrentYearResult],
            earlierYearsResult = a[report.EarlierYearsResult],
            totals = new { assets = a[report.Assets.Total], liabilitiesAndEquity = a[report.LiabilitiesAndEquity] },
            balanced = report.Balanced,
        }, ct);
    }

    private static Task<Results<Ok<object>, FileContentHttpResult, ValidationProblem>> AgedAsync(
        HttpContext http, string subtype, AgedBalanceService aged, LedgerSettingsService settings, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var at = Date(http, "at", errors);
        return AnswerAsync(http, errors, settings, () => aged.AgedAsync(subtype, at, ct), LedgerReportCsv.Aged, (report, a) => new
        {
            at = LedgerDates.Text(report.At),
            currency = a.Currency,
            partners = report.Partners.Select(p => new
            {
                contactId = p.ContactId,
                name = p.Name,
                amounts = Buckets(p.Amounts, a),
                items = p.Items.Select(i => new
                {
                    lineId = i.LineId, entryId = i.EntryId, number = i.Number, account = i.Account, date = LedgerDates.Text(i.Date), dueDate = LedgerDates.Text(i.DueDate),
                    reference = i.Reference, amount = a[i.Amount], residual = a[i.Residual], daysOverdue = i.DaysOverdue, bucket = BucketName(i.Bucket),
                }),
            }),
            totals = Buckets(report.Totals, a),
        }, ct);
    }

    /// <summary>
    /// Answers a report: 400 naming every bad query value (the report's own, read by the caller, and <c>format</c>); otherwise the report
    /// as a CSV download (<c>format=csv</c>) or as JSON shaped by <paramref name="json"/>.
    /// </summary>
    private static async Task<Results<Ok<object>, FileContentHttpResult, ValidationProblem>> AnswerAsync<T>(HttpContext http, Dictionary<string, string> errors,
        LedgerSettingsService settings, Func<Task<T>> load, Func<T, int, (byte[] Bytes, string FileName)> csvFile, Func<T, Amounts, object> json, CancellationToken ct)
    {
        var csv = Csv(http, errors);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        var report = await load();
        var current = await settings.GetAsync(ct);
        if (csv)
        {
            var (bytes, fileName) = csvFile(report, current.BaseDigits);
            return TypedResults.File(bytes, LedgerReportCsv.ContentType, fileName);
        }
        return TypedResults.Ok(json(report, new Amounts(current.BaseCurrency, current.BaseDigits)));
    }

    /// <summary>Amounts as the answers write them: <c>a[minorUnits]</c> is a string with exactly the base currency's decimals.</summary>
    private sealed record Amounts(string Currency, int Digits)
    {
        public string this[long minorUnits] => LedgerReportCsv.Amount(minorUnits, Digits);
    }

    private static async Task<Ok<object>> VerifyAsync(LedgerVerifier verifier, CancellationToken ct)
    {
        var report = await verifier.VerifyAsync(ct);
        return TypedResults.Ok<object>(new
        {
            ok = report.Ok,
            entries = report.Entries,
            lines = report.Lines,
            problems = report.Problems.Select(p => new { kind = p.Kind, journal = p.Journal, entryId = p.EntryId, number = p.Number, message = p.Message }),
            problemsCut = report.ProblemsCut,
        });
    }

    private static object Section(ReportSection section, Amounts a) => new
    {
        lines = section.Lines.Select(l => new { account = l.Account, name = l.Name, subtype = l.Subtype, amount = a[l.Amount] }),
        total = a[section.Total],
    };

    private static object Buckets(AgedAmounts amounts, Amounts a) => new
    {
        notDue = a[amounts.NotDue], days1To30 = a[amounts.Days1To30], days31To60 = a[amounts.Days31To60], days61To90 = a[amounts.Days61To90],
        over90 = a[amounts.Over90], total = a[amounts.Total],
    };

    private static string BucketName(AgeBucket bucket) => bucket switch
    {
        AgeBucket.NotDue => "notDue",
        AgeBucket.Days1To30 => "days1To30",
        AgeBucket.Days31To60 => "days31To60",
        AgeBucket.Days61To90 => "days61To90",
        _ => "over90",
    };

    /// <summary>Whether the answer is CSV (<c>format=csv</c>) rather than JSON (no format, or <c>json</c>).</summary>
    private static bool Csv(HttpContext http, IDictionary<string, string> errors)
    {
        var format = http.Request.Query["format"].ToString().Trim().ToLowerInvariant();
        if (format is not ("" or "json" or "csv"))
        {
            errors["format"] = "format must be json or csv.";
        }
        return format == "csv";
    }

    /// <summary>The required <c>from</c> and <c>to</c>, from not after to.</summary>
    private static (DateOnly From, DateOnly To) Period(HttpContext http, IDictionary<string, string> errors)
    {
        var from = Date(http, "from", errors);
        var to = Date(http, "to", errors);
        if (!errors.ContainsKey("from") && !errors.ContainsKey("to") && from > to)
        {
            errors["from"] = $"from ({LedgerDates.Text(from)}) is after to ({LedgerDates.Text(to)}).";
        }
        return (from, to);
    }

    /// <summary>A required date of the query (<see cref="LedgerApi.QueryDate"/> reads it).</summary>
    private static DateOnly Date(HttpContext http, string name, IDictionary<string, string> errors)
    {
        var date = LedgerApi.QueryDate(http.Request.Query, name, errors);
        if (date is null && !errors.ContainsKey(name))
        {
            errors[name] = $"{name} is required: a date (yyyy-MM-dd).";
        }
        return date ?? default;
    }
}
