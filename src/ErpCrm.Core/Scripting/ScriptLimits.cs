namespace ErpCrm.Core.Scripting;

/// <summary>
/// What one script may use. Jint enforces the time, statement, memory and recursion limits between statements; the size
/// limits are what <see cref="ScriptSizeGuards"/> checks before a built-in builds its result, because a single call such as
/// <c>'x'.repeat(2**28)</c> allocates everything before the next statement's check could see it.
/// </summary>
public sealed record ScriptLimits
{
    /// <summary>The limits recipe values and other short scripts run with.</summary>
    public static readonly ScriptLimits Default = new();

    /// <summary>How long one script may run.</summary>
    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(2);

    /// <summary>How many statements one script may run.</summary>
    public int MaxStatements { get; init; } = 10_000;

    /// <summary>
    /// How many bytes one script may allocate (counted by Jint between statements). It also bounds the strings a script can
    /// build by concatenation, which Jint charges as it builds them: about a quarter of it in characters.
    /// </summary>
    public long MaxMemoryBytes { get; init; } = 4 * 1024 * 1024;

    /// <summary>How deep script functions may call each other.</summary>
    public int MaxRecursion { get; init; } = 64;

    /// <summary>How long one regular expression may take to match: a catastrophic pattern fails fast instead of running for seconds.</summary>
    public TimeSpan RegexTimeout { get; init; } = TimeSpan.FromMilliseconds(200);

    /// <summary>The longest string a built-in may build (repeat, padStart, join, replace, JSON.stringify…), and the longest value.</summary>
    public int MaxStringLength { get; init; } = 1_000_000;

    /// <summary>
    /// The most elements an array may have, and the longest string a built-in may take apart character by character
    /// (<c>Object.keys('…')</c>, a global <c>match</c>): each character or match costs a hundred bytes or more.
    /// </summary>
    public int MaxCollectionLength { get; init; } = 10_000;

    /// <summary>The longest regular expression a script may compile from text (each character of a pattern costs hundreds of bytes).</summary>
    public int MaxPatternLength { get; init; } = 10_000;
}

/// <summary>A script went past one of its <see cref="ScriptLimits"/>; scripts cannot catch it, and its message says which limit.</summary>
public sealed class ScriptLimitException(string message) : Exception(message);
