using ErpCrm.Contacts.Services;
using ErpCrm.Ledger.Endpoints;
using ErpCrm.Ledger.Models;
using ErpCrm.Ledger.Recipes;
using ErpCrm.Ledger.Services;
using ErpCrm.Modules;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Ledger;

public sealed class Startup : StartupBase
{
    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddPermissions<Permissions>();
        services.AddAdminMenu<AdminMenu>();
        services.AddContentReferenceProvider<LedgerContactReferences>();
        services.AddDashboardWidget<ProfitAndLossWidget>();
        services.AddContactPanel<LedgerContactPanel>();

        services.AddDomainEvent<EntryPosted>("Ledger.EntryPosted", "A journal entry was posted: numbered, chained and in the balances.");
        services.AddDomainEvent<EntryReversed>("Ledger.EntryReversed", "A posted journal entry was reversed by a new posted entry that mirrors it.");

        services.AddRecipeStep<CurrenciesStep>();
        services.AddRecipeStep<ExchangeRatesStep>();
        services.AddRecipeStep<ChartOfAccountsStep>();
        services.AddRecipeExportSource<LedgerExportSource>();
        services.AddRecipeExportSource<ExchangeRatesExportSource>();

        services.AddScoped<LedgerSettingsService>();
        services.AddScoped<AccountService>();
        services.AddScoped<AccountLookup>();
        services.AddScoped<JournalService>();
        services.AddScoped<FiscalYearService>();
        services.AddScoped<EntryQueries>();
        services.AddScoped<LedgerPostingService>();
        services.AddScoped<ILedgerPostingService>(sp => sp.GetRequiredService<LedgerPostingService>());
        services.AddScoped<EntryRequestReader>();
        services.AddScoped<MatchingService>();
        services.AddScoped<MatchingQueries>();
        services.AddScoped<YearEndCloseService>();
        services.AddScoped<PartnerNames>();
        services.AddScoped<LedgerReportService>();
        services.AddScoped<AccountStatementService>();
        services.AddScoped<AgedBalanceService>();
        services.AddScoped<LedgerVerifier>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapLedgerApi();
        endpoints.MapLedgerSetupApi();
        endpoints.MapLedgerReportsApi();
    }
}
