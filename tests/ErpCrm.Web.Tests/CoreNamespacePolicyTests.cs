namespace ErpCrm.Web.Tests;

/// <summary>
/// The kernel's namespaces are layers: none depends, directly or through others, on a namespace that depends on it. From the
/// bottom: Data, Money, Scripting, Background and the root; Tenants (a tenant and the current scope's tenant); Modules;
/// Migrations, Identity, Events; Shell (the tenant list, feature state and tenant scopes); Outbox; Transactions (the unit of
/// work, which raises events and writes the outbox); Features, Configuration, Content; Recipes; Setup; Hosting on top.
/// A file declares the namespace of its folder, so that the folders show the layers.
/// </summary>
public sealed class CoreNamespacePolicyTests
{
    /// <summary>
    /// Dependencies that close a cycle only a larger redesign would break, left out of the check: (from, to, why), short
    /// names as in the failure message. Keep this list empty if at all possible.
    /// </summary>
    private static readonly (string From, string To, string Reason)[] Exceptions = [];

    private static readonly string CoreFolder = Path.Combine(PageMarkupPolicyTests.RepositoryRoot(), "src", "ErpCrm.Core");

    [Fact]
    public void Core_namespaces_depend_on_each_other_without_a_cycle()
    {
        var graph = CoreNamespaceGraph.Read(CoreFolder);
        var exceptions = Exceptions.Select(e => (Full(e.From), Full(e.To))).ToList();

        // The reader sees the kernel's references: the host wiring uses the tenants, and the tenants the databases.
        Assert.Contains("ErpCrm.Core.Tenants", graph.Edges["ErpCrm.Core.Hosting"].Keys);
        Assert.Contains("ErpCrm.Core.Data", graph.Edges["ErpCrm.Core.Tenants"].Keys);
        var stale = exceptions.Where(e => !graph.Edges.GetValueOrDefault(e.Item1, []).ContainsKey(e.Item2)).ToList();
        Assert.True(stale.Count == 0, "These exceptions are no longer dependencies; remove them: " + string.Join(", ", stale));

        var cycles = graph.Without(exceptions).Cycles();

        Assert.True(cycles.Count == 0,
            "Namespaces of src/ErpCrm.Core depend on each other in a cycle. Move the type that makes the back edge to the layer it "
            + "belongs to (see CoreNamespacePolicyTests):\n" + string.Join("\n", cycles.Select(graph.Describe)));
    }

    [Fact]
    public void The_cycle_check_names_the_path_and_the_references_that_make_it()
    {
        var graph = CoreNamespaceGraph.FromSources(
        [
            ("Tenants/TenantInfo.cs", "using ErpCrm.Core.Data;\nnamespace ErpCrm.Core.Tenants;\npublic sealed record TenantInfo(DatabaseTarget Database);"),
            ("Data/DatabaseTarget.cs", "namespace ErpCrm.Core.Data;\npublic sealed class DatabaseTarget { Shell.TenantRegistry? Registry; }"),
            ("Shell/TenantRegistry.cs", "namespace ErpCrm.Core.Shell;\n/// <see cref=\"Tenants.TenantInfo\"/>\npublic sealed class TenantRegistry { string _ = \"ErpCrm.Core.Data.DatabaseTarget\"; }"),
            ("Money/Currencies.cs", "namespace ErpCrm.Core.Money;\n// ErpCrm.Core.Tenants.TenantInfo in a comment is no reference.\npublic static class Currencies { ErpCrmOptions? Options; }"),
            ("ErpCrmOptions.cs", "namespace ErpCrm.Core;\npublic sealed class ErpCrmOptions;"),
        ]);

        var cycle = Assert.Single(graph.Cycles());

        Assert.Equal("Data -> Shell -> Tenants -> Data", graph.Describe(cycle).Split('\n')[0]);
        Assert.Contains("Data/DatabaseTarget.cs: Shell.TenantRegistry", graph.Describe(cycle));
        Assert.Contains("Shell/TenantRegistry.cs: Tenants.TenantInfo", graph.Describe(cycle));
        Assert.Contains("Tenants/TenantInfo.cs: using ErpCrm.Core.Data", graph.Describe(cycle));
        Assert.Equal(new[] { "ErpCrm.Core" }, graph.Edges["ErpCrm.Core.Money"].Keys);
        Assert.Empty(graph.Without([("ErpCrm.Core.Data", "ErpCrm.Core.Shell")]).Cycles());
    }

    [Fact]
    public void Every_Core_file_declares_the_namespace_of_its_folder()
    {
        var misplaced = CoreNamespaceGraph.SourceFiles(CoreFolder)
            .Select(path => (File: Path.GetRelativePath(CoreFolder, path), Expected: ExpectedNamespace(path), Declared: DeclaredNamespace(path)))
            .Where(f => f.Declared != f.Expected)
            .ToList();

        Assert.True(misplaced.Count == 0, "A kernel file declares the namespace of its folder:\n"
            + string.Join("\n", misplaced.Select(f => $"{f.File}: namespace {f.Declared}, expected {f.Expected}")));
    }

    private static string Full(string shortName) => shortName == CoreNamespaceGraph.Root ? shortName : $"{CoreNamespaceGraph.Root}.{shortName}";

    private static string ExpectedNamespace(string path) =>
        string.Join('.', new[] { CoreNamespaceGraph.Root }.Concat(
            Path.GetRelativePath(CoreFolder, Path.GetDirectoryName(path)!).Split(Path.DirectorySeparatorChar).Where(s => s != ".")));

    private static string? DeclaredNamespace(string path) =>
        File.ReadLines(path).Select(l => l.Trim()).FirstOrDefault(l => l.StartsWith("namespace ", StringComparison.Ordinal))?["namespace ".Length..].TrimEnd(';', ' ', '{');
}
