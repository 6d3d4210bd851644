using ErpCrm.Admin;
using ErpCrm.Ledger.Endpoints;
using ErpCrm.Ledger.Recipes;
using ErpCrm.Ledger.Services;
using ErpCrm.Modules;
using ErpCrm.Recipes;
using ErpCrm.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ErpCrm.Ledger;

public sealed class Startup : StartupBase
{
    public override void ConfigureServices(IServiceCollection services)
    {
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddScoped<LedgerSettingsService>();
        services.AddScoped<AccountService>();
        services.AddScoped<JournalService>();
        services.AddScoped<FiscalYearService>();
        services.AddScoped<EntryQueries>();
        services.AddScoped<LedgerPostingService>();
        services.AddScoped<ILedgerPostingService>(sp => sp.GetRequiredService<LedgerPostingService>());
        services.AddScoped<EntryRequestReader>();
        services.AddScoped<MatchingService>();
        services.AddScoped<YearEndCloseService>();
        services.AddScoped<PartnerNames>();
        services.AddScoped<ErpCrm.Content.IContentReferenceProvider, LedgerContactReferences>();
        services.AddScoped<LedgerReportService>();
        services.AddScoped<AccountStatementService>();
        services.AddScoped<AgedBalanceService>();
        services.AddScoped<LedgerVerifier>();
        services.AddScoped<IDashboardWidget, ProfitAndLossWidget>();
        services.AddScoped<IRecipeStep, CurrenciesStep>();
        services.AddScoped<IRecipeStep, ExchangeRatesStep>();
        services.AddScoped<IRecipeStep, ChartOfAccountsStep>();
        services.AddScoped<IRecipeExportSource, LedgerExportSource>();
        services.AddScoped<IRecipeExportSource, ExchangeRatesExportSource>();
        services.AddHttpContextAccessor();
        services.AddSingleton<IAdminMenu, AdminMenu>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapLedgerApi();
        endpoints.MapLedgerReportsApi();
    }
}
