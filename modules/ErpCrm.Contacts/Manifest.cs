using ErpCrm.Modules;

[assembly: Module(Name = "Contacts", Description = "Companies and people: customers, suppliers and their staff, shared by every CRM and ERP module.",
    Author = "ErpCrm", Category = "CRM")]
[assembly: Feature(Id = ErpCrm.Contacts.ContactsFeature.Id, Name = "Contacts",
    Description = "Company and Person content types, a contact index with duplicate detection, and /api/contacts.")]

namespace ErpCrm.Contacts
{
    /// <summary>The feature's id, for code that names it.</summary>
    public static class ContactsFeature
    {
        public const string Id = "ErpCrm.Contacts";
    }
}
