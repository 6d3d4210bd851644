using static ErpCrm.Testing.LedgerClient;

namespace ErpCrm.Testing;

/// <summary>The books the report page tests read, posted through the API on the small chart (<see cref="LedgerClient.CreateSmallChartAsync"/>).</summary>
public static class LedgerReportData
{
    /// <summary>
    /// Capital paid into the bank (GEN/2026/0001), a sale on credit to <paramref name="customer"/> due 2026-01-20 (1000 + 200 tax) and the
    /// rent (GEN/2026/0002) in January 2026, a second sale (500, due 2026-02-10) in February. Answers the ids of the capital and the rent.
    /// </summary>
    public static async Task<(long Capital, long Rent)> PostSmallQuarterAsync(this HttpClient api, string customer)
    {
        var capital = (await api.PostEntryAsync(Entry("GEN", "2026-01-02", "Capital", true, Dr("1100", "10000"), Cr("3000", "10000")))).Id();
        await api.PostEntryAsync(new
        {
            journal = "SAL", date = "2026-01-05", dueDate = "2026-01-20", reference = "INV-1", post = true,
            lines = new[] { Dr("1200", "1200", customer), Cr("4000", "1000"), Cr("2100", "200") },
        });
        var rent = (await api.PostEntryAsync(Entry("GEN", "2026-01-10", "Rent January", true, Dr("6100", "400"), Cr("1100", "400")))).Id();
        await api.PostEntryAsync(new
        {
            journal = "SAL", date = "2026-02-03", dueDate = "2026-02-10", reference = "INV-2", post = true,
            lines = new[] { Dr("1200", "500", customer), Cr("4000", "500") },
        });
        return (capital, rent);
    }
    /// <summary>
    /// A sale on credit to <paramref name="customer"/> (INV-1, 1,200.00 on 2026-01-05, due 2026-01-20) of which 500.00 was paid on
    /// 2026-02-01 and matched to it, so that 700.00 stays open. Answers the invoice's id.
    /// </summary>
    public static async Task<long> PostPartlyPaidInvoiceAsync(this HttpClient api, string customer)
    {
        var invoice = await api.PostEntryAsync(new
        {
            journal = "SAL", date = "2026-01-05", dueDate = "2026-01-20", reference = "INV-1", post = true,
            lines = new[] { Dr("1200", "1200", customer), Cr("4000", "1200") },
        });
        var payment = await api.PostEntryAsync(Entry("GEN", "2026-02-01", "Part payment", true, Dr("1100", "500"), Cr("1200", "500", customer)));
        using var matched = await api.PostJsonAsync("api/ledger/match", new { lineIds = new[] { LineId(invoice, 0), LineId(payment, 1) } });
        Assert.True(matched.IsSuccessStatusCode, await matched.Content.ReadAsStringAsync());
        return invoice.Id();
    }

    private static long LineId(System.Text.Json.JsonElement entry, int index) => entry.GetProperty("lines")[index].GetProperty("id").GetInt64();
}
