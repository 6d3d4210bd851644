using System.Text.Json.Nodes;
using ErpCrm.Admin;
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
/// How the books are set up, over HTTP: settings (base currency, lock date), currencies and rates, journals, the chart of accounts and
/// fiscal years with the year-end close. ViewLedger reads; ManageLedger changes.
/// </summary>
public static class LedgerSetupApi
{
    public sealed record SettingsBody(string? BaseCurrency, string? LockDate, int? FiscalYearStartMonth);

    public sealed record CurrencyBody(string? Code, string? Name, int? MinorUnits, bool? Active);

    public sealed record RateBody(string? Currency, string? Date, JsonNode? Rate);

    public sealed record FiscalYearBody(string? Name, string? Start, string? End);

    public sealed record CloseBody(string? Account);

    public static void MapLedgerSetupApi(this IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/api/ledger").WithTag("Ledger setup", "How the books are set up: settings, currencies and rates, journals, the chart of accounts and fiscal years.");
        api.MapGet("/settings", GetSettingsAsync).RequirePermission(Permissions.ViewLedger).WithName("GetLedgerSettings").WithSummary("The base currency, lock date and fiscal year's start");
        api.MapPut("/settings", PutSettingsAsync).RequirePermission(Permissions.ManageLedger).WithName("UpdateLedgerSettings")
            .WithSummary("Changes the settings given (null empties what may be emptied)").Accepts<SettingsBody>("application/json");
        api.MapGet("/currencies", async (LedgerSettingsService settings, CancellationToken ct) =>
            TypedResults.Ok((await settings.CurrenciesAsync(ct)).Values.OrderBy(c => c.Code).ToList())).RequirePermission(Permissions.ViewLedger)
            .WithName("ListCurrencies").WithSummary("The currencies lines may be in");
        api.MapPost("/currencies", SaveCurrencyAsync).RequirePermission(Permissions.ManageLedger).WithName("SaveCurrency")
            .WithSummary("Adds or changes a currency").Accepts<CurrencyBody>("application/json");
        api.MapGet("/exchange-rates", async (string? currency, LedgerSettingsService settings, CancellationToken ct) =>
            TypedResults.Ok((await settings.RatesAsync(LedgerApi.Blank(currency)?.ToUpperInvariant(), ct)).Select(LedgerDtos.Rate).ToList())).RequirePermission(Permissions.ViewLedger)
            .WithName("ListExchangeRates").WithSummary("The exchange rates, of one currency or all");
        api.MapPost("/exchange-rates", SaveRateAsync).RequirePermission(Permissions.ManageLedger).WithName("SaveExchangeRate")
            .WithSummary("Sets a currency's rate on a day (base units per unit)").Accepts<RateBody>("application/json");
        api.MapGet("/journals", async (JournalService journals, CancellationToken ct) => TypedResults.Ok(await journals.ListAsync(ct))).RequirePermission(Permissions.ViewLedger)
            .WithName("ListJournals").WithSummary("The journals, with how many entries each has posted");
        api.MapPost("/journals", SaveJournalAsync).RequirePermission(Permissions.ManageLedger).WithName("CreateJournal")
            .WithSummary("Adds a journal").Accepts<JournalInput>("application/json");
        api.MapPut("/journals/{code}", SaveJournalAsync).RequirePermission(Permissions.ManageLedger).WithName("UpdateJournal")
            .WithSummary("Changes a journal").Accepts<JournalInput>("application/json");
        api.MapGet("/accounts", ListAccountsAsync).RequirePermission(Permissions.ViewLedger).WithName("ListAccounts").WithSummary("The chart of accounts, in tree order");
        api.MapGet("/lookup/accounts", LookupAccountsAsync).RequirePermission(Permissions.ViewLedger).WithName("LookupAccounts")
            .WithSummary("Up to 20 accounts whose code starts with the text or whose name holds it, as pickers list them")
            .WithQuery("q", "A code's start or a part of a name; empty lists the chart's first accounts.")
            .Produces<IReadOnlyList<LookupItem>>();
        api.MapGet("/accounts/{code}", GetAccountAsync).RequirePermission(Permissions.ViewLedger).WithName("GetAccount").WithSummary("An account");
        api.MapPost("/accounts", CreateAccountAsync).RequirePermission(Permissions.ManageLedger).AcceptIdempotencyKey().WithName("CreateAccount")
            .WithSummary("Adds an account (a sub-account has its parent's type)").Accepts<AccountInput>("application/json").ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPut("/accounts/{code}", UpdateAccountAsync).RequirePermission(Permissions.ManageLedger).WithName("UpdateAccount")
            .WithSummary("Changes an account (an account with lines keeps its type and currency: 409)").Accepts<AccountInput>("application/json")
            .ProducesProblem(StatusCodes.Status409Conflict);
        api.MapGet("/fiscal-years", ListYearsAsync).RequirePermission(Permissions.ViewLedger).WithName("ListFiscalYears").WithSummary("The fiscal years and their periods");
        api.MapPost("/fiscal-years", CreateYearAsync).RequirePermission(Permissions.ManageLedger).WithName("CreateFiscalYear")
            .WithSummary("Adds a fiscal year").Accepts<FiscalYearBody>("application/json").ProducesProblem(StatusCodes.Status409Conflict);
        api.MapPost("/fiscal-years/{name}/close", CloseYearAsync).RequirePermission(Permissions.ManageLedger).WithName("CloseFiscalYear")
            .WithSummary("Closes a year into retained earnings and locks it").Accepts<CloseBody>("application/json").ProducesProblem(StatusCodes.Status409Conflict);
    }

    private static async Task<Results<Ok<IReadOnlyList<LookupItem>>, ValidationProblem>> LookupAccountsAsync(
        HttpContext http, AccountLookup lookup, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var text = Lookups.Text(http.Request.Query, errors);
        return errors.Count > 0 ? ApiResults.Invalid(errors) : TypedResults.Ok(await lookup.SearchAsync(text, ct));
    }

    private static async Task<Ok<SettingsDto>> GetSettingsAsync(LedgerSettingsService settings, CancellationToken ct) =>
        TypedResults.Ok(LedgerDtos.Settings(await settings.GetAsync(ct)));

    private static async Task<Results<Ok<SettingsDto>, ValidationProblem, ProblemHttpResult>> PutSettingsAsync(JsonNode? body, LedgerSettingsService settings, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (JsonBodies.Read<SettingsBody>(body, "", errors) is not { } input)
        {
            return ApiResults.Invalid(errors);
        }
        // Left out, a setting stays as it is; given as null, it is emptied: "lockDate": null clears the lock date (as GET shows
        // none), unless a closed year holds it; the base currency and the start month cannot be empty, so null is refused naming them.
        return ApiResults.Answer(await settings.UpdateAsync(
                JsonBodies.GivesNull(body, "baseCurrency") ? "" : input.BaseCurrency,
                JsonBodies.GivesNull(body, "lockDate") ? "" : input.LockDate,
                JsonBodies.GivesNull(body, "fiscalYearStartMonth") ? 0 : input.FiscalYearStartMonth, ct),
            s => TypedResults.Ok(LedgerDtos.Settings(s)));
    }

    private static async Task<Results<Ok<LedgerCurrency>, ValidationProblem, ProblemHttpResult>> SaveCurrencyAsync(JsonNode? body, LedgerSettingsService settings, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (JsonBodies.Read<CurrencyBody>(body, "", errors) is not { } input)
        {
            return ApiResults.Invalid(errors);
        }
        return ApiResults.Answer(await settings.SaveCurrencyAsync(input.Code, input.Name, input.MinorUnits, input.Active, "", ct), c => TypedResults.Ok(c));
    }

    private static async Task<Results<Ok<RateDto>, ValidationProblem, ProblemHttpResult>> SaveRateAsync(JsonNode? body, LedgerSettingsService settings, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (JsonBodies.Read<RateBody>(body, "", errors) is not { } input)
        {
            return ApiResults.Invalid(errors);
        }
        var rate = input.Rate switch
        {
            JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.String => value.GetValue<string>(),
            JsonValue value when value.GetValueKind() == System.Text.Json.JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        };
        return ApiResults.Answer(await settings.SaveRateAsync(input.Currency, input.Date, rate, "", ct), r => TypedResults.Ok(LedgerDtos.Rate(r)));
    }

    private static async Task<Results<Ok<LedgerJournal>, ValidationProblem, ProblemHttpResult>> SaveJournalAsync(string? code, JsonNode? body, JournalService journals, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (JsonBodies.Read<JournalInput>(body, "", errors) is not { } input)
        {
            return ApiResults.Invalid(errors);
        }
        if (code is not null)
        {
            if (!(await journals.AllAsync(ct)).ContainsKey(code.ToUpperInvariant()))
            {
                return ApiResults.NotFound($"There is no journal {code}.");
            }
            input = input with { Code = code };
        }
        return ApiResults.Answer(await journals.SaveAsync(input, "", ct), j => TypedResults.Ok(j));
    }

    private static async Task<Ok<IReadOnlyList<LedgerAccount>>> ListAccountsAsync(AccountService accounts, CancellationToken ct) =>
        TypedResults.Ok<IReadOnlyList<LedgerAccount>>((await accounts.TreeAsync(ct)).Select(a => a.Account).ToList());

    private static async Task<Results<Ok<LedgerAccount>, ProblemHttpResult>> GetAccountAsync(string code, AccountService accounts, CancellationToken ct) =>
        await accounts.FindAsync(code, ct) is { } account
            ? TypedResults.Ok(account)
            : ApiResults.NotFound($"There is no account {code}.");

    private static async Task<Results<Created<LedgerAccount>, ValidationProblem, ProblemHttpResult>> CreateAccountAsync(JsonNode? body, HttpContext http,
        AccountService accounts, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (JsonBodies.Read<AccountInput>(body, "", errors) is not { } input)
        {
            return ApiResults.Invalid(errors);
        }
        return ApiResults.Answer(await accounts.CreateAsync(input, "", ct),
            a => TypedResults.Created($"{http.Request.PathBase}/api/ledger/accounts/{Uri.EscapeDataString(a.Code)}", a));
    }

    private static async Task<Results<Ok<LedgerAccount>, ValidationProblem, ProblemHttpResult>> UpdateAccountAsync(string code, JsonNode? body,
        AccountService accounts, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (JsonBodies.Read<AccountInput>(body, "", errors) is not { } input)
        {
            return ApiResults.Invalid(errors);
        }
        return ApiResults.Answer(await accounts.UpdateAsync(code, input, "", ct), a => TypedResults.Ok(a));
    }

    private static async Task<Ok<List<FiscalYearDto>>> ListYearsAsync(FiscalYearService years, LedgerSettingsService settings, CancellationToken ct)
    {
        var lockDate = (await settings.GetAsync(ct)).LockDate;
        return TypedResults.Ok((await years.ListAsync(ct)).Select(y => LedgerDtos.Year(y, lockDate)).ToList());
    }

    private static async Task<Results<Created<FiscalYearDto>, ValidationProblem, ProblemHttpResult>> CreateYearAsync(JsonNode? body, HttpContext http,
        FiscalYearService years, LedgerSettingsService settings, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        if (JsonBodies.Read<FiscalYearBody>(body, "", errors) is not { } input)
        {
            return ApiResults.Invalid(errors);
        }
        var lockDate = (await settings.GetAsync(ct)).LockDate;
        return ApiResults.Answer(await years.CreateAsync(input.Name, input.Start, input.End, ct),
            y => TypedResults.Created($"{http.Request.PathBase}/api/ledger/fiscal-years", LedgerDtos.Year(y, lockDate)));
    }

    private static async Task<Results<Ok<FiscalYearDto>, ValidationProblem, ProblemHttpResult>> CloseYearAsync(string name, JsonNode? body,
        YearEndCloseService close, LedgerSettingsService settings, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>();
        var input = body is null ? new CloseBody(null) : JsonBodies.Read<CloseBody>(body, "", errors);
        if (input is null)
        {
            return ApiResults.Invalid(errors);
        }
        var result = await close.CloseAsync(name, LedgerApi.Blank(input.Account), ct);
        var lockDate = (await settings.GetAsync(ct)).LockDate;
        return ApiResults.Answer(result, y => TypedResults.Ok(LedgerDtos.Year(y, lockDate)));
    }
}
