using System.Globalization;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Descriptors;
using Jint.Runtime.Interop;

namespace ErpCrm.Core.Scripting;

/// <summary>
/// Replaces the built-ins that can build far more than they are given with versions that work out the size of their result
/// first and refuse (<see cref="ScriptLimitException"/>) past <see cref="ScriptLimits"/>; below the limits they call the
/// original. Jint's memory limit is checked between statements, so without this one call allocates everything first:
/// <list type="bullet">
/// <item>strings: <c>repeat</c>, <c>padStart</c>, <c>padEnd</c>, <c>concat</c>, <c>replace</c>, <c>replaceAll</c> and
///   <c>RegExp.prototype[Symbol.replace]</c> (a string replacement; a function's results are charged as its statements run),
///   <c>Array.prototype.join</c> and <c>toLocaleString</c> (<c>toString</c> calls <c>join</c>), <c>String.raw</c>, <c>JSON.stringify</c>;</item>
/// <item>per character or match (hundreds of bytes each): <c>Object.keys</c> and its kin on a long string, a global
///   <c>match</c>, a regular expression compiled from a long text.</item>
/// </list>
/// Concatenation (<c>+</c>, templates) needs no guard: Jint charges it to the memory limit as it builds.
/// </summary>
internal sealed partial class ScriptSizeGuards
{
    private readonly Engine _engine;
    private readonly ScriptLimits _limits;
    private readonly HashSet<ObjectInstance> _joining = new(ReferenceEqualityComparer.Instance);
    private readonly JsValue _stringValueOf;

    private ScriptSizeGuards(Engine engine, ScriptLimits limits)
    {
        _engine = engine;
        _limits = limits;
        _stringValueOf = Prototype("String").Get("valueOf");
    }

    public static void Install(Engine engine, ScriptLimits limits)
    {
        var guards = new ScriptSizeGuards(engine, limits);
        var strings = guards.Prototype("String");
        var arrays = guards.Prototype("Array");
        var regExps = guards.Prototype("RegExp");
        var symbol = engine.GetValue("Symbol").AsObject();

        guards.Wrap(strings, "repeat", 1, guards.Repeat);
        guards.Wrap(strings, "padStart", 1, guards.Pad);
        guards.Wrap(strings, "padEnd", 1, guards.Pad);
        guards.Wrap(strings, "concat", 1, (thisObj, args, _) => guards.Concat(thisObj, args));
        guards.Wrap(strings, "replace", 2, (thisObj, args, original) => guards.ReplaceText(thisObj, args, original, all: false));
        guards.Wrap(strings, "replaceAll", 2, (thisObj, args, original) => guards.ReplaceText(thisObj, args, original, all: true));
        guards.Wrap(regExps, symbol.Get("replace"), "[Symbol.replace]", 2, guards.ReplaceRegExp);
        guards.Wrap(regExps, symbol.Get("match"), "[Symbol.match]", 1, guards.MatchRegExp);
        foreach (var name in new[] { "match", "matchAll", "search" })
        {
            guards.Wrap(strings, name, 1, guards.PatternFromText);
        }
        guards.Wrap(regExps, "compile", 2, guards.PatternFromText);
        guards.Wrap(arrays, "join", 1, (thisObj, args, _) => guards.Join(thisObj, args.Length > 0 ? args[0] : JsValue.Undefined, locale: false));
        guards.Wrap(arrays, "toLocaleString", 0, (thisObj, _, _) => guards.Join(thisObj, JsValue.Undefined, locale: true));
        guards.Wrap(engine.GetValue("String").AsObject(), "raw", 1, (_, args, _) => guards.Raw(args));
        guards.Wrap(engine.GetValue("JSON").AsObject(), "stringify", 3, guards.Stringify);
        var objects = engine.GetValue("Object").AsObject();
        foreach (var name in new[] { "keys", "values", "entries", "getOwnPropertyNames", "getOwnPropertyDescriptors", "assign", "freeze", "seal", "isFrozen", "isSealed", "preventExtensions" })
        {
            guards.Wrap(objects, name, 1, guards.NotTakingApartLongStrings);
        }
        guards.Wrap(engine.GetValue("Reflect").AsObject(), "ownKeys", 1, guards.NotTakingApartLongStrings);
        guards.GuardRegExpConstructor();
    }

    private delegate JsValue Guard(JsValue thisObj, JsValue[] args, JsValue original);

    private JsValue Repeat(JsValue thisObj, JsValue[] args, JsValue original)
    {
        if (thisObj.IsNull() || thisObj.IsUndefined())
        {
            return Call(original, thisObj, args);
        }
        var text = TypeConverter.ToString(thisObj);
        var count = TypeConverter.ToIntegerOrInfinity(Arg(args, 0));
        if (count > 0 && text.Length > 0)
        {
            CheckLength(text.Length * count, "String.prototype.repeat");
        }
        return Call(original, text, [count]);
    }

    private JsValue Pad(JsValue thisObj, JsValue[] args, JsValue original)
    {
        if (thisObj.IsNull() || thisObj.IsUndefined())
        {
            return Call(original, thisObj, args);
        }
        var text = TypeConverter.ToString(thisObj);
        var length = (double)TypeConverter.ToLength(Arg(args, 0));
        if (length > text.Length)
        {
            CheckLength(length, "String.prototype.padStart/padEnd");
        }
        return Call(original, text, [length, Arg(args, 1)]);
    }

    private JsValue Concat(JsValue thisObj, JsValue[] args)
    {
        if (thisObj.IsNull() || thisObj.IsUndefined())
        {
            throw new JavaScriptException(_engine.Intrinsics.TypeError, "String.prototype.concat called on null or undefined");
        }
        var parts = new string[args.Length + 1];
        parts[0] = TypeConverter.ToString(thisObj);
        double total = parts[0].Length;
        for (var i = 0; i < args.Length; i++)
        {
            parts[i + 1] = TypeConverter.ToString(args[i]);
            total += parts[i + 1].Length;
            CheckLength(total, "String.prototype.concat");
        }
        return string.Concat(parts);
    }

    private JsValue ReplaceText(JsValue thisObj, JsValue[] args, JsValue original, bool all)
    {
        var search = Arg(args, 0);
        var replacement = Arg(args, 1);
        // A regular expression (any object) replaces through its Symbol.replace, which is guarded itself; a function's results
        // are charged to the memory limit as its statements run.
        if (thisObj.IsNull() || thisObj.IsUndefined() || search.IsObject() || replacement.IsObject())
        {
            return Call(original, thisObj, args);
        }
        var text = TypeConverter.ToString(thisObj);
        var searched = TypeConverter.ToString(search);
        var replaceWith = TypeConverter.ToString(replacement);
        var matches = all ? Occurrences(text, searched) : text.Contains(searched, StringComparison.Ordinal) ? 1 : 0;
        CheckLength(text.Length + ReplacementsBound(replaceWith, matches, text.Length), all ? "String.prototype.replaceAll" : "String.prototype.replace");
        return Call(original, text, [searched, replaceWith]);
    }

    private JsValue ReplaceRegExp(JsValue thisObj, JsValue[] args, JsValue original)
    {
        var replacement = Arg(args, 1);
        if (thisObj is not ObjectInstance regExp || replacement.IsObject())
        {
            return Call(original, thisObj, args);
        }
        var text = TypeConverter.ToString(Arg(args, 0));
        var replaceWith = TypeConverter.ToString(replacement);
        // At most one match per position when global: an upper bound, so a huge result is refused before any match runs.
        double matches = TypeConverter.ToBoolean(regExp.Get("global")) ? text.Length + 1 : 1;
        CheckLength(text.Length + ReplacementsBound(replaceWith, matches, text.Length), "RegExp replace");
        return Call(original, thisObj, [text, replaceWith]);
    }

    private JsValue MatchRegExp(JsValue thisObj, JsValue[] args, JsValue original)
    {
        if (thisObj is ObjectInstance regExp && TypeConverter.ToBoolean(regExp.Get("global")))
        {
            var text = TypeConverter.ToString(Arg(args, 0));
            CheckCollection(text.Length, "a global match");
            return Call(original, thisObj, [text]);
        }
        return Call(original, thisObj, args);
    }

    private JsValue PatternFromText(JsValue thisObj, JsValue[] args, JsValue original)
    {
        CheckPattern(Arg(args, 0));
        return Call(original, thisObj, args);
    }

    private JsValue NotTakingApartLongStrings(JsValue thisObj, JsValue[] args, JsValue original)
    {
        foreach (var arg in args)
        {
            CheckCollection(StringLength(arg), "taking a string apart character by character");
        }
        return Call(original, thisObj, args);
    }

    /// <summary>The length of a string, or of the string inside a String object (told apart by the brand check of String.prototype.valueOf); else 0.</summary>
    private int StringLength(JsValue value)
    {
        if (value.IsString())
        {
            return value.AsString().Length;
        }
        if (value is not ObjectInstance candidate || candidate.IsArray() || candidate.GetOwnProperty("length") == PropertyDescriptor.Undefined)
        {
            return 0;
        }
        try
        {
            return Call(_stringValueOf, candidate, []).AsString().Length;
        }
        catch (JavaScriptException)
        {
            return 0; // not a String object
        }
    }

    /// <summary>The regular expression constructor refuses patterns longer than the limit, also reached as RegExp.prototype.constructor.</summary>
    private void GuardRegExpConstructor()
    {
        _engine.SetValue("__checkPattern", new ClrFunction(_engine, "checkPattern", (_, args) =>
        {
            CheckPattern(Arg(args, 0));
            return JsValue.Undefined;
        }, 1));
        _engine.Execute("""
            (function (check) {
              const original = RegExp;
              const guarded = new Proxy(original, {
                construct(target, args, newTarget) { check(args[0]); return Reflect.construct(target, args, newTarget === guarded ? target : newTarget); },
                apply(target, thisArg, args) { check(args[0]); return Reflect.apply(target, thisArg, args); },
              });
              Object.defineProperty(original.prototype, 'constructor', { value: guarded, writable: true, configurable: true });
              Object.defineProperty(globalThis, 'RegExp', { value: guarded, writable: true, configurable: true });
            })(__checkPattern);
            delete globalThis.__checkPattern;
            """);
    }

    private void CheckPattern(JsValue pattern)
    {
        var length = pattern.IsString() ? pattern.AsString().Length : 0;
        if (length > _limits.MaxPatternLength)
        {
            throw new ScriptLimitException(
                $"a regular expression of {length.ToString("N0", CultureInfo.InvariantCulture)} characters is longer than scripts may compile ({_limits.MaxPatternLength.ToString("N0", CultureInfo.InvariantCulture)}).");
        }
    }

    private void CheckLength(double length, string what)
    {
        if (length > _limits.MaxStringLength)
        {
            throw new ScriptLimitException(
                $"{what} would build a string of {Count(length)} characters; scripts may build at most {_limits.MaxStringLength.ToString("N0", CultureInfo.InvariantCulture)}.");
        }
    }

    private void CheckCollection(double length, string what)
    {
        if (length > _limits.MaxCollectionLength)
        {
            throw new ScriptLimitException(
                $"{what} would handle {Count(length)} elements; scripts may handle at most {_limits.MaxCollectionLength.ToString("N0", CultureInfo.InvariantCulture)} at once.");
        }
    }

    private void Wrap(ObjectInstance target, string name, int length, Guard guard) => Wrap(target, name, name, length, guard);

    private void Wrap(ObjectInstance target, JsValue key, string name, int length, Guard guard)
    {
        var original = target.Get(key);
        var function = new ClrFunction(_engine, name, (thisObj, args) => guard(thisObj, args, original), length, PropertyFlag.Configurable);
        target.DefineOwnProperty(key, new PropertyDescriptor(function, PropertyFlag.Writable | PropertyFlag.Configurable));
    }

    /// <summary>ToObject of the standard: a TypeError for null and undefined, a wrapper for other primitives.</summary>
    private ObjectInstance ToObject(JsValue value, string what)
    {
        if (value.IsNull() || value.IsUndefined())
        {
            throw new JavaScriptException(_engine.Intrinsics.TypeError, $"{what} called on null or undefined");
        }
        return value as ObjectInstance ?? Call(_engine.Intrinsics.Object, JsValue.Undefined, [value]).AsObject();
    }

    private ObjectInstance Prototype(string constructor) => _engine.GetValue(constructor).AsObject().Get("prototype").AsObject();

    private JsValue Call(JsValue function, JsValue thisObj, JsValue[] args) => _engine.Call(function, thisObj, args);

    private static JsValue Arg(JsValue[] args, int index) => index < args.Length ? args[index] : JsValue.Undefined;

    /// <summary>How many places of <paramref name="text"/> a replaceAll of <paramref name="searched"/> replaces (an empty search matches between every two characters).</summary>
    private static double Occurrences(string text, string searched)
    {
        if (searched.Length == 0)
        {
            return text.Length + 1;
        }
        var count = 0;
        for (var at = text.IndexOf(searched, StringComparison.Ordinal); at >= 0; at = text.IndexOf(searched, at + searched.Length, StringComparison.Ordinal))
        {
            count++;
        }
        return count;
    }

    /// <summary>
    /// The most the replacements of <paramref name="matches"/> matches can write: the replacement's own text each time; a
    /// <c>$&amp;</c> or capture pattern writes the match or part of it, and matches do not overlap, so each such pattern writes
    /// at most the whole text over all matches; <c>$`</c> and <c>$'</c> write what precedes or follows, up to the whole text each time.
    /// </summary>
    private static double ReplacementsBound(string replacement, double matches, int textLength)
    {
        var surrounding = Occurrences(replacement, "$`") + Occurrences(replacement, "$'");
        var others = replacement.Count(c => c == '$') - surrounding;
        return matches * replacement.Length + others * textLength + matches * surrounding * textLength;
    }

    private static string Count(double length) =>
        double.IsInfinity(length) || length > long.MaxValue ? "more than can be counted" : ((long)length).ToString("N0", CultureInfo.InvariantCulture);
}
