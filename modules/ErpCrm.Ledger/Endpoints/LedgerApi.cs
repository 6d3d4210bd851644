namespace ErpCrm.Ledger.Endpoints; public static class LedgerApi { public static void MapLedgerApi(this Microsoft.AspNetCore.Routing.IEndpointRouteBuilder e) { } }
