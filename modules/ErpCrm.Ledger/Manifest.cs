using ErpCrm.Modules;

[assembly: Module(Name = "Ledger", Description = "Double-entry general ledger: chart of accounts, journals, posted entries that never change, and the reports a company closes its books with.",
    Author = "ErpCrm", Category = "Accounting")]
[assembly: Feature(Id = ErpCrm.Ledger.LedgerFeature.Id, Name = "Ledger",
    Description = "Chart of accounts, currencies and rates, journals with gapless numbering, journal entries, partner matching, fiscal years, reports and /api/ledger.",
    Dependencies = [ErpCrm.Contacts.ContactsFeature.Id])]

namespace ErpCrm.Ledger
{
    /// <summary>The feature's id, for code that names it.</summary>
    public static class LedgerFeature
    {
        public const string Id = "ErpCrm.Ledger";
    }
}
