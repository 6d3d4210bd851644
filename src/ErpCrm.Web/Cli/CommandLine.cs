namespace ErpCrm.Web.Cli;

/// <summary>A verb's grammar: its options (with a value or as flags) and how many plain arguments it takes.</summary>
internal sealed record VerbSpec(string Name, string Usage, string[] ValueOptions, string[] Flags, int MinArguments, int MaxArguments, string? ArgumentName = null);

/// <summary>A parsed command line.</summary>
internal sealed record ParsedCommand(VerbSpec Verb, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Options, IReadOnlySet<string> Flags)
{
    public string? Option(string name) => Options.GetValueOrDefault(name);

    public bool Flag(string name) => Flags.Contains(name);
}

/// <summary>
/// Parses <c>verb [sub-verb] [arguments] [--option value | --option=value | --flag]</c> against the known verbs.
/// Anything it does not know is a one-line error that names the word and what was expected.
/// </summary>
internal static class CommandLine
{
    private static readonly string[] TenantAndData = ["--tenant", "--data"];

    public static readonly IReadOnlyList<VerbSpec> Verbs =
    [
        new("serve", "serve [--urls URLS] [--data DIR]", ["--urls", "--data"], [], 0, 0),
        new("setup", "setup --recipe FILE|NAME [--tenant T] [--site-name S] [--admin-user U] [--admin-email E] [--admin-password P] [--database sqlite|postgres] [--connection-string C] [--data DIR]",
            ["--recipe", "--tenant", "--site-name", "--admin-user", "--admin-email", "--admin-password", "--database", "--connection-string", "--data"], [], 0, 0),
        new("features list", "features list [--json] [--tenant T] [--data DIR]", TenantAndData, ["--json"], 0, 0),
        new("features enable", "features enable ID... [--tenant T] [--data DIR]", TenantAndData, [], 1, int.MaxValue, "feature id"),
        new("features disable", "features disable ID... [--force] [--tenant T] [--data DIR]", TenantAndData, ["--force"], 1, int.MaxValue, "feature id"),
        new("tenants list", "tenants list [--data DIR]", ["--data"], [], 0, 0),
        new("tenants create", "tenants create --name N (--prefix P | --host H) [--database sqlite|postgres] [--connection-string C] [--data DIR]",
            ["--name", "--prefix", "--host", "--database", "--connection-string", "--data"], [], 0, 0),
        new("tokens create", "tokens create --user U [--name NAME] [--tenant T] [--data DIR]", ["--user", "--name", "--tenant", "--data"], [], 0, 0),
        new("recipes list", "recipes list [--data DIR]", ["--data"], [], 0, 0),
        new("recipes run", "recipes run FILE|NAME [--tenant T] [--data DIR]", TenantAndData, [], 1, 1, "recipe (a file or a name)"),
        new("recipes export", "recipes export [--tenant T] [--out FILE] [--content-types A,B] [--data DIR]", ["--tenant", "--out", "--content-types", "--data"], [], 0, 0),
        new("help", "help", [], [], 0, 0),
    ];

    private static readonly string[] Groups = ["features", "tenants", "tokens", "recipes"];

    public static (ParsedCommand? Command, string? Error) Parse(IReadOnlyList<string> args)
    {
        if (args.Count == 0 || args[0].StartsWith("--", StringComparison.Ordinal) && args[0] is not ("--help" or "-h"))
        {
            return ParseVerb(Verbs[0], args);
        }
        if (args[0] is "--help" or "-h" or "help")
        {
            return (new ParsedCommand(Verbs.Single(v => v.Name == "help"), [], new Dictionary<string, string>(), new HashSet<string>()), null);
        }
        if (Groups.Contains(args[0]))
        {
            var subVerbs = Verbs.Where(v => v.Name.StartsWith(args[0] + " ", StringComparison.Ordinal)).ToList();
            var expected = string.Join(", ", subVerbs.Select(v => v.Name[(args[0].Length + 1)..]));
            if (args.Count < 2 || args[1].StartsWith('-'))
            {
                return (null, $"'{args[0]}' needs one of: {expected}.");
            }
            var verb = subVerbs.FirstOrDefault(v => v.Name == args[0] + " " + args[1]);
            return verb is null
                ? (null, $"unknown command '{args[0]} {args[1]}': expected one of: {expected}.")
                : ParseVerb(verb, args.Skip(2).ToList());
        }
        var single = Verbs.FirstOrDefault(v => v.Name == args[0]);
        return single is null
            ? (null, $"unknown command '{args[0]}': expected serve, setup, features, tenants, tokens or help.")
            : ParseVerb(single, args.Skip(1).ToList());
    }

    private static (ParsedCommand?, string?) ParseVerb(VerbSpec verb, IReadOnlyList<string> args)
    {
        var arguments = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Count; i++)
        {
            var word = args[i];
            if (!word.StartsWith("--", StringComparison.Ordinal))
            {
                if (word.StartsWith('-') && word.Length > 1)
                {
                    return (null, $"'{verb.Name}' does not know the option '{word}'{Expected(verb)}.");
                }
                arguments.Add(word);
                continue;
            }
            var equals = word.IndexOf('=');
            var name = equals < 0 ? word : word[..equals];
            if (verb.Flags.Contains(name))
            {
                if (equals >= 0)
                {
                    return (null, $"'{name}' is a switch and takes no value.");
                }
                flags.Add(name);
                continue;
            }
            if (!verb.ValueOptions.Contains(name))
            {
                return (null, $"'{verb.Name}' does not know the option '{name}'{Expected(verb)}.");
            }
            string value;
            if (equals >= 0)
            {
                value = word[(equals + 1)..];
            }
            else if (i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }
            else
            {
                return (null, $"the option '{name}' needs a value.");
            }
            if (string.IsNullOrWhiteSpace(value))
            {
                return (null, $"the option '{name}' needs a value.");
            }
            if (!options.TryAdd(name, value))
            {
                return (null, $"the option '{name}' is given twice.");
            }
        }
        if (arguments.Count < verb.MinArguments)
        {
            return (null, $"'{verb.Name}' needs at least one {verb.ArgumentName}. Usage: {verb.Usage}");
        }
        if (arguments.Count > verb.MaxArguments)
        {
            return (null, $"'{verb.Name}' takes no argument '{arguments[verb.MaxArguments]}'. Usage: {verb.Usage}");
        }
        return (new ParsedCommand(verb, arguments, options, flags), null);
    }

    private static string Expected(VerbSpec verb)
    {
        var all = verb.ValueOptions.Concat(verb.Flags).ToList();
        return all.Count == 0 ? " (it takes no options)" : $" (expected: {string.Join(", ", all)})";
    }
}
