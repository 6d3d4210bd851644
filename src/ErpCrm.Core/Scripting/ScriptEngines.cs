using Jint;

namespace ErpCrm.Core.Scripting;

/// <summary>
/// Makes the Jint engines that run scripts users wrote (recipe values): every limit of <see cref="ScriptLimits"/> set, no
/// <c>eval</c> or <c>Function('…')</c>, the size guards installed, and only the plain language's globals left — binary
/// buffers (which allocate their whole size at once), <c>ShadowRealm</c> (fresh built-ins without the guards), <c>Intl</c>
/// and <c>Temporal</c> are taken away, as nothing a script computes for a recipe needs them.
/// </summary>
public static class ScriptEngines
{
    /// <summary>The globals a script keeps; the engine's others are removed.</summary>
    public static readonly IReadOnlySet<string> Globals = new HashSet<string>(StringComparer.Ordinal)
    {
        "globalThis", "Infinity", "NaN", "undefined", "isFinite", "isNaN", "parseFloat", "parseInt",
        "decodeURI", "decodeURIComponent", "encodeURI", "encodeURIComponent", "escape", "unescape", "toString",
        "Object", "Function", "Array", "String", "Number", "Boolean", "BigInt", "Symbol", "Math", "JSON", "Date", "RegExp",
        "Map", "Set", "WeakMap", "WeakSet", "Promise", "Proxy", "Reflect", "Iterator", "Generator",
        "Error", "AggregateError", "EvalError", "RangeError", "ReferenceError", "SyntaxError", "TypeError", "URIError", "SuppressedError",
    };

    /// <summary>A new engine with <paramref name="limits"/>; it is not thread-safe, like every Jint engine.</summary>
    public static Engine Create(ScriptLimits limits)
    {
        var engine = new Engine(options => options
            .TimeoutInterval(limits.Timeout)
            .MaxStatements(limits.MaxStatements)
            .LimitMemory(limits.MaxMemoryBytes)
            .LimitRecursion(limits.MaxRecursion)
            .MaxArraySize((uint)limits.MaxCollectionLength)
            .RegexTimeoutInterval(limits.RegexTimeout)
            .DisableStringCompilation()
            .Strict(false));
        var global = engine.Global;
        foreach (var name in global.GetOwnPropertyKeys().Where(k => k.IsString()).Select(k => k.AsString()).ToList())
        {
            if (!Globals.Contains(name))
            {
                global.RemoveOwnProperty(name);
            }
        }
        ScriptSizeGuards.Install(engine, limits);
        return engine;
    }
}
