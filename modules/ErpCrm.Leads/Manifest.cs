using ErpCrm.Modules;

[assembly: Module(Name = "Leads", Description = "Sales leads: a pipeline of stages, capture from web forms, scoring, assignment and conversion to contacts.",
    Author = "ErpCrm", Category = "CRM")]
[assembly: Feature(Id = ErpCrm.Leads.LeadsFeature.Id, Name = "Leads",
    Description = "The Lead content type, pipeline stages, scoring and assignment rules, public lead capture and /api/leads.",
    Dependencies = [ErpCrm.Contacts.ContactsFeature.Id])]

namespace ErpCrm.Leads
{
    /// <summary>The feature's id, for code that names it.</summary>
    public static class LeadsFeature
    {
        public const string Id = "ErpCrm.Leads";
    }
}
