using ErpCrm.Modules;

[assembly: Module(Name = "Test modules", Description = "Features that exercise the kernel in tests.", Author = "ErpCrm", Category = "Testing")]

[assembly: Feature(Id = "Test.Alpha", Name = "Alpha", Description = "Has a migration, an API and feature events.")]
[assembly: Feature(Id = "Test.Beta", Name = "Beta", Description = "Depends on Alpha; handles Alpha's domain event.", Dependencies = ["Test.Alpha"])]
[assembly: Feature(Id = "Test.Gamma", Name = "Gamma", Description = "Depends on Beta.", Dependencies = ["Test.Beta"])]
[assembly: Feature(Id = "Test.Delta", Name = "Delta", Description = "No dependencies, no migration.")]
[assembly: Feature(Id = "Test.Bridge", Name = "Alpha-Delta bridge", Description = "On whenever Alpha and Delta are.", Dependencies = ["Test.Alpha", "Test.Delta"], AutoEnable = true)]
[assembly: Feature(Id = "Test.Always", Name = "Always", Description = "Always on.", IsAlwaysEnabled = true)]
[assembly: Feature(Id = "Test.Hidden", Name = "Hidden", Description = "Only on as a dependency.", EnabledByDependencyOnly = true)]
[assembly: Feature(Id = "Test.NeedsHidden", Name = "Needs hidden", Description = "Pulls Hidden in.", Dependencies = ["Test.Hidden"])]
[assembly: Feature(Id = "Test.HostOnly", Name = "Host only", Description = "Default tenant only.", DefaultTenantOnly = true)]
[assembly: Feature(Id = "Test.Content", Name = "Content handlers", Description = "Logs content events, refuses some items, indexes PriorityPart, brings RatingField with its admin editor.")]
[assembly: Feature(Id = "Test.LedgerEvents", Name = "Ledger events", Description = "Logs the ledger's domain events, and posts an entry with a note in one unit of work.", Dependencies = ["ErpCrm.Ledger", "Test.Alpha"])]
[assembly: Feature(Id = "Test.ContactPanels", Name = "Contact panels", Description = "Adds a panel to contact pages, and one that fails.", Dependencies = ["ErpCrm.Contacts"])]
[assembly: Feature(Id = "Test.References", Name = "References", Description = "Refers to every content item whose name starts with Pinned, as a third-party module's books would.")]
[assembly: Feature(Id = "Test.Observers", Name = "Event observers", Description = "Logs every domain event by name, in the transaction and after commit, without knowing any event type.")]
