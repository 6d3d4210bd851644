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
        var ledger = endpoints.MapGroup("/api/ledger").WithTags("Ledger");
        var reports = ledger.MapGroup("/reports");
        reports.MapGet("/trial-balance", TrialBalanceAsync).RequirePermission(Permissions.ViewLedger);
        reports.MapGet("/general-ledger", GeneralLedgerAsync).RequirePermission(Permissions.ViewLedger);
        reports.MapGet("/profit-and-loss", ProfitAndLossAsync).RequirePermission(Permissions.ViewLedger);
        reports.MapGet("/balance-sheet", BalanceSheetAsync).RequirePermission(Permissions.ViewLedger);
        reports.MapGet("/aged-receivables", (HttpContext http, AgedBalanceService aged, LedgerSettingsService settings, CancellationToken ct) =>
            AgedAsync(http, AccountSubtypes.Receivable, aged, settings, ct)).RequirePermission(Permissions.ViewLedger);
        reports.MapGet("/aged-payables", (HttpContext http, AgedBalanceService aged, LedgerSettingsService settings, CancellationToken ct) =>
            AgedAsync(http, AccountSubtypes.Payable, aged, settings, ct)).RequirePermission(Permissions.ViewLedger);
        ledger.MapGet("/verify", VerifyAsync).RequirePermission(Permissions.ViewLedger);
    }

    private static async Task<Results<Ok<object>, FileContentHttpResult, ValidationProblem>> TrialBalanceAsync(
        HttpContext http, LedgerReportService reports, LedgerSettingsService settings, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var csv = Csv(http, errors);
        var period = Period(http, errors);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        var report = await reports.TrialBalanceAsync(period.From, period.To, ct);
        var (currency, digits) = await BaseAsync(settings, ct);
        if (csv)
        {
            return File(LedgerReportCsv.TrialBalance(report, digits));
        }
        string A(long amount) => LedgerReportCsv.Amount(amount, digits);
        return TypedResults.Ok<object>(new
        {
            from = LedgerDates.Text(report.From),
            to = LedgerDates.Text(report.To),
            currency,
            lines = report.Lines.Select(l => new
            {
                account = l.Account, name = l.Name, type = l.Type, opening = A(l.Opening), debit = A(l.Debit), credit = A(l.Credit), closing = A(l.Closing),
            }),
            totals = new { opening = A(report.Opening), debit = A(report.Debit), credit = A(report.Credit), closing = A(report.Closing) },
        });
    }

    private static async Task<Results<Ok<object>, FileContentHttpResult, ValidationProblem>> GeneralLedgerAsync(
        HttpContext http, AccountStatementService statements, AccountService accounts, LedgerSettingsService settings, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var csv = Csv(http, errors);
        var period = Period(http, errors);
        var code = http.Request.Query["account"].ToString().Trim();
        var account = code.Length == 0 ? null : await accounts.FindAsync(code, ct);
        if (account is null)
        {
            errors["account"] = code.Length == 0 ? "account is required: the code of the account to list." : $"There is no account '{code}'.";
        }
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        var report = await statements.StatementAsync(account!, period.From, period.To, ct);
        var (currency, digits) = await BaseAsync(settings, ct);
        if (csv)
        {
            return File(LedgerReportCsv.Statement(report, digits));
        }
        string A(long amount) => LedgerReportCsv.Amount(amount, digits);
        return TypedResults.Ok<object>(new
        {
            account = new { code = report.Account.Code, name = report.Account.Name, type = report.Account.Type, subtype = report.Account.Subtype },
            from = LedgerDates.Text(report.From),
            to = LedgerDates.Text(report.To),
            currency,
            opening = A(report.Opening),
            lines = report.Lines.Select(l => new
            {
                date = LedgerDates.Text(l.Date), entryId = l.EntryId, number = l.Number, journal = l.Journal, reference = l.Reference,
                description = l.Description, contactId = l.ContactId, contact = l.ContactName, debit = A(l.Debit), credit = A(l.Credit), balance = A(l.Balance),
            }),
            totals = new { debit = A(report.Debit), credit = A(report.Credit) },
            closing = A(report.Closing),
            truncated = report.Truncated,
            maxLines = AccountStatementService.MaxLines,
        });
    }

    private static async Task<Results<Ok<object>, FileContentHttpResult, ValidationProblem>> ProfitAndLossAsync(
        HttpContext http, LedgerReportService reports, LedgerSettingsService settings, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var csv = Csv(http, errors);
        var period = Period(http, errors);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        var report = await reports.ProfitAndLossAsync(period.From, period.To, ct);
        var (currency, digits) = await BaseAsync(settings, ct);
        if (csv)
        {
            return File(LedgerReportCsv.ProfitAndLoss(report, digits));
        }
        string A(long amount) => LedgerReportCsv.Amount(amount, digits);
        return TypedResults.Ok<object>(new
        {
            from = LedgerDates.Text(report.From),
            to = LedgerDates.Text(report.To),
            currency,
            income = Section(report.Income, A),
            expense = Section(report.Expense, A),
            result = A(report.Result),
            months = report.Months.Select(m => new { month = m.Month, income = A(m.Income), expense = A(m.Expense), result = A(m.Result) }),
        });
    }

    private static async Task<Results<Ok<object>, FileContentHttpResult, ValidationProblem>> BalanceSheetAsync(
        HttpContext http, LedgerReportService reports, LedgerSettingsService settings, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var csv = Csv(http, errors);
        var at = Date(http, "at", errors);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        var report = await reports.BalanceSheetAsync(at, ct);
        var (currency, digits) = await BaseAsync(settings, ct);
        if (csv)
        {
            return File(LedgerReportCsv.BalanceSheet(report, digits));
        }
        string A(long amount) => LedgerReportCsv.Amount(amount, digits);
        return TypedResults.Ok<object>(new
        {
            at = LedgerDates.Text(report.At),
            currency,
            fiscalYear = new { name = report.Year.Name, start = LedgerDates.Text(report.Year.Start), end = LedgerDates.Text(report.Year.End) },
            assets = Section(report.Assets, A),
            liabilities = Section(report.Liabilities, A),
            equity = Section(report.Equity, A),
            currentYearResult = A(report.CurrentYearResult),
            earlierYearsResult = A(report.EarlierYearsResult),
            totals = new { assets = A(report.Assets.Total), liabilitiesAndEquity = A(report.LiabilitiesAndEquity) },
            balanced = report.Balanced,
        });
    }

    private static async Task<Results<Ok<object>, FileContentHttpResult, ValidationProblem>> AgedAsync(
        HttpContext http, string subtype, AgedBalanceService aged, LedgerSettingsService settings, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var csv = Csv(http, errors);
        var at = Date(http, "at", errors);
        if (errors.Count > 0)
        {
            return ApiResults.Invalid(errors);
        }
        var report = await aged.AgedAsync(subtype, at, ct);
        var (currency, digits) = await BaseAsync(settings, ct);
        if (csv)
        {
            return File(LedgerReportCsv.Aged(report, digits));
        }
        string A(long amount) => LedgerReportCsv.Amount(amount, digits);
        object Buckets(AgedAmounts a) => new
        {
            notDue = A(a.NotDue), days1To30 = A(a.Days1To30), days31To60 = A(a.Days31To60), days61To90 = A(a.Days61To90), over90 = A(a.Over90), total = A(a.Total),
        };
        return TypedResults.Ok<object>(new
        {
            at = LedgerDates.Text(report.At),
            currency,
            partners = report.Partners.Select(p => new
            {
                contactId = p.ContactId,
                name = p.Name,
                amounts = Buckets(p.Amounts),
                items = p.Items.Select(i => new
                {
                    lineId = i.LineId, entryId = i.EntryId, number = i.Number, account = i.Account, date = LedgerDates.Text(i.Date), dueDate = LedgerDates.Text(i.DueDate),
                    reference = i.Reference, amount = A(i.Amount), residual = A(i.Residual), daysOverdue = i.DaysOverdue, bucket = BucketName(i.Bucket),
                }),
            }),
            totals = Buckets(report.Totals),
        });
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

    private static object Section(ReportSection section, Func<long, string> amount) => new
    {
        lines = section.Lines.Select(l => new { account = l.Account, name = l.Name, subtype = l.Subtype, amount = amount(l.Amount) }),
        total = amount(section.Total),
    };

    private static string BucketName(AgeBucket bucket) => bucket switch
    {
        AgeBucket.NotDue => "notDue",
        AgeBucket.Days1To30 => "days1To30",
        AgeBucket.Days31To60 => "days31To60",
        AgeBucket.Days61To90 => "days61To90",
        _ => "over90",
    };

    private static async Task<(string Currency, int Digits)> BaseAsync(LedgerSettingsService settings, CancellationToken ct)
    {
        var current = await settings.GetAsync(ct);
        return (current.BaseCurrency, current.BaseDigits);
    }

    private static FileContentHttpResult File((byte[] Bytes, string FileName) file) =>
        TypedResults.File(file.Bytes, LedgerReportCsv.ContentType, file.FileName);

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

    private static DateOnly Date(HttpContext http, string name, IDictionary<string, string> errors)
    {
        var text = http.Request.Query[name].ToString();
        if (LedgerDates.ParseOrNull(text) is { } date)
        {
            return date;
        }
        errors[name] = text.Trim().Length == 0 ? $"{name} is required: a date (yyyy-MM-dd)." : $"{name} must be a date (yyyy-MM-dd), not '{text}'.";
        return default;
    }
}
