using System.Text.RegularExpressions;

namespace ErpCrm.Web.Tests;

/// <summary>
/// The dependencies between the kernel's namespaces, read from its sources. A namespace is a folder directly under
/// src/ErpCrm.Core (its sub-folders belong to it), or the root namespace <c>ErpCrm.Core</c>. A file depends on the namespaces it
/// names: its <c>using ErpCrm.Core.X</c> lines, fully qualified names (<c>ErpCrm.Core.X.Type</c>), names qualified from the
/// kernel's root (<c>X.Type</c>, which every kernel file may write, <c>cref</c>s included), and the root namespace's types, which
/// every kernel file sees without a using. String literals and plain comments do not count.
/// </summary>
internal sealed partial class CoreNamespaceGraph
{
    public const string Root = "ErpCrm.Core";

    /// <summary>From a namespace to the namespaces it uses, each with the places (file: reference) that make the edge.</summary>
    public Dictionary<string, Dictionary<string, List<string>>> Edges { get; } = [];

    public static CoreNamespaceGraph Read(string coreFolder) =>
        FromSources(SourceFiles(coreFolder).Select(path => (Path.GetRelativePath(coreFolder, path).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllText(path))));

    /// <summary>The C# files of a source folder, without build output.</summary>
    public static IEnumerable<string> SourceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}") && !path.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"));

    /// <summary>The graph of the given sources (path relative to src/ErpCrm.Core, text).</summary>
    public static CoreNamespaceGraph FromSources(IEnumerable<(string Path, string Text)> sources)
    {
        var files = sources.Select(s => (s.Path, Code: CodeOf(s.Text), Namespace: NamespaceOf(s.Text))).ToList();
        var groups = files.Select(f => GroupOf(f.Namespace, [])).Where(g => g != Root).ToHashSet();
        var typesOf = files.GroupBy(f => GroupOf(f.Namespace, groups))
            .ToDictionary(g => g.Key, g => g.SelectMany(f => TypeDeclaration().Matches(f.Code).Select(m => m.Groups[1].Value)).ToHashSet());
        var rootTypes = typesOf.GetValueOrDefault(Root) ?? [];

        var graph = new CoreNamespaceGraph();
        foreach (var (path, code, ns) in files)
        {
            var from = GroupOf(ns, groups);
            graph.Edges.TryAdd(from, []);
            void Add(string to, string how)
            {
                if (to != from)
                {
                    var places = graph.Edges[from].TryGetValue(to, out var known) ? known : graph.Edges[from][to] = [];
                    places.Add($"{path}: {how}");
                }
            }
            foreach (Match m in KernelUsing().Matches(code))
            {
                Add(GroupOf(m.Groups[1].Value, groups), $"using {m.Groups[1].Value}");
            }
            foreach (Match m in FullyQualified().Matches(KernelUsing().Replace(code, "")))
            {
                Add(GroupOf(m.Value, groups), m.Value);
            }
            foreach (Match m in RootQualified().Matches(code))
            {
                var group = $"{Root}.{m.Groups[1].Value}";
                if (groups.Contains(group) && m.Groups[2].Value.Split('.', StringSplitOptions.RemoveEmptyEntries).Any(typesOf[group].Contains))
                {
                    Add(group, m.Value);
                }
            }
            if (from != Root)
            {
                foreach (var type in rootTypes.Where(t => Regex.IsMatch(code, $@"(?<![\w.]){t}\b")))
                {
                    Add(Root, type);
                }
            }
        }
        return graph;
    }

    /// <summary>The graph without the given edges.</summary>
    public CoreNamespaceGraph Without(IEnumerable<(string From, string To)> edges)
    {
        var copy = new CoreNamespaceGraph();
        foreach (var (from, targets) in Edges)
        {
            copy.Edges[from] = targets.Where(t => !edges.Contains((from, t.Key))).ToDictionary(t => t.Key, t => t.Value);
        }
        return copy;
    }

    /// <summary>One cycle per strongly connected set of namespaces, as a path that starts and ends at the same namespace.</summary>
    public IReadOnlyList<IReadOnlyList<string>> Cycles()
    {
        var cycles = new List<IReadOnlyList<string>>();
        foreach (var component in StronglyConnected().Where(c => c.Count > 1))
        {
            var start = component.Min(StringComparer.Ordinal)!;
            cycles.Add(PathWithin(component, start));
        }
        return cycles;
    }

    /// <summary>A cycle as text: the path, then for each step the places that make it (the first three).</summary>
    public string Describe(IReadOnlyList<string> cycle)
    {
        var lines = new List<string> { string.Join(" -> ", cycle.Select(Short)) };
        for (var i = 0; i + 1 < cycle.Count; i++)
        {
            var places = Edges[cycle[i]][cycle[i + 1]];
            lines.Add($"  {Short(cycle[i])} -> {Short(cycle[i + 1])}: {string.Join("; ", places.Take(3))}{(places.Count > 3 ? $"; and {places.Count - 3} more" : "")}");
        }
        return string.Join("\n", lines);
    }

    public static string Short(string group) => group == Root ? Root : group[(Root.Length + 1)..];

    // Shortest path from start back to start inside the component (breadth first).
    private List<string> PathWithin(HashSet<string> component, string start)
    {
        var previous = new Dictionary<string, string>();
        var queue = new Queue<string>([start]);
        while (queue.Count > 0)
        {
            var node = queue.Dequeue();
            foreach (var next in Next(node).Where(component.Contains).Order(StringComparer.Ordinal))
            {
                if (next == start)
                {
                    var path = new List<string> { start };
                    for (var at = node; at != start; at = previous[at])
                    {
                        path.Add(at);
                    }
                    path.Add(start);
                    path.Reverse();
                    return path;
                }
                if (previous.TryAdd(next, node))
                {
                    queue.Enqueue(next);
                }
            }
        }
        throw new InvalidOperationException($"No cycle through {start}.");
    }

    private IEnumerable<string> Next(string node) => Edges.TryGetValue(node, out var targets) ? targets.Keys : [];

    // Tarjan's algorithm.
    private List<HashSet<string>> StronglyConnected()
    {
        var index = new Dictionary<string, int>();
        var low = new Dictionary<string, int>();
        var stack = new Stack<string>();
        var components = new List<HashSet<string>>();
        void Visit(string node)
        {
            index[node] = low[node] = index.Count;
            stack.Push(node);
            foreach (var next in Next(node))
            {
                if (!index.ContainsKey(next))
                {
                    Visit(next);
                    low[node] = Math.Min(low[node], low[next]);
                }
                else if (stack.Contains(next))
                {
                    low[node] = Math.Min(low[node], index[next]);
                }
            }
            if (low[node] == index[node])
            {
                var component = new HashSet<string>();
                string member;
                do
                {
                    member = stack.Pop();
                    component.Add(member);
                }
                while (member != node);
                components.Add(component);
            }
        }
        foreach (var node in Edges.Keys.Order(StringComparer.Ordinal).Where(n => !index.ContainsKey(n)))
        {
            Visit(node);
        }
        return components;
    }

    /// <summary>The group of a namespace or qualified name: <c>ErpCrm.Core.X</c> when X is a kernel folder, else the root.</summary>
    private static string GroupOf(string name, HashSet<string> groups)
    {
        var segments = name.Split('.');
        var group = segments.Length > 2 ? string.Join('.', segments.Take(3)) : Root;
        return groups.Count == 0 || groups.Contains(group) ? group : Root;
    }

    private static string NamespaceOf(string text) => NamespaceDeclaration().Match(text) is { Success: true } m ? m.Groups[1].Value : Root;

    /// <summary>The text without string literals and comments, followed by the doc comments' <c>cref</c>s.</summary>
    private static string CodeOf(string text)
    {
        var crefs = Cref().Matches(text).Select(m => m.Groups[1].Value).ToList();
        var code = Comment().Replace(Literal().Replace(text, "\"\""), "");
        return code + "\n" + string.Join("\n", crefs);
    }

    [GeneratedRegex(@"^\s*namespace\s+([\w.]+)", RegexOptions.Multiline)]
    private static partial Regex NamespaceDeclaration();

    [GeneratedRegex(@"\b(?:class|struct|interface|enum|record(?:\s+class|\s+struct)?|delegate\s+[\w<>\[\],.?]+)\s+([A-Za-z_]\w*)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"^\s*(?:global\s+)?using\s+(?:static\s+)?(?:\w+\s*=\s*)?(?:global::)?(ErpCrm\.Core(?:\.\w+)*)\s*;", RegexOptions.Multiline)]
    private static partial Regex KernelUsing();

    [GeneratedRegex(@"(?<![\w.])(?:global::)?ErpCrm\.Core\.\w+(?:\.\w+)?")]
    private static partial Regex FullyQualified();

    /// <summary><c>X.Type</c> or <c>X.Sub.Type</c>: a name qualified from the kernel's root when X is a kernel folder.</summary>
    [GeneratedRegex(@"(?<![\w.])([A-Z]\w*)((?:\.[A-Z]\w*)+)")]
    private static partial Regex RootQualified();

    [GeneratedRegex(@"cref=""([^""]+)""")]
    private static partial Regex Cref();

    // Raw, verbatim and regular string literals, and character literals.
    [GeneratedRegex(@"\$*""""""[\s\S]*?""""""|@""(?:[^""]|"""")*""|""(?:[^""\\\n]|\\.)*""|'(?:[^'\\\n]|\\.)+'")]
    private static partial Regex Literal();

    [GeneratedRegex(@"//.*$|/\*[\s\S]*?\*/", RegexOptions.Multiline)]
    private static partial Regex Comment();
}
