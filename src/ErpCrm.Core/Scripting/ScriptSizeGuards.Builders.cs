using System.Text;
using Jint;
using Jint.Native;
using Jint.Native.Object;
using Jint.Runtime;
using Jint.Runtime.Interop;

namespace ErpCrm.Core.Scripting;

/// <summary>
/// The guarded built-ins that assemble one string from many parts (join, String.raw, JSON.stringify): they count the result
/// as it grows, part by part, so the refusal comes before the string that would pass the limit is built.
/// </summary>
internal sealed partial class ScriptSizeGuards
{
    /// <summary>Array.prototype.join (and toLocaleString), as the standard says, counting the result as it grows; arrays inside themselves join as "".</summary>
    private JsValue Join(JsValue thisObj, JsValue separatorValue, bool locale)
    {
        var array = ToObject(thisObj, "Array.prototype.join");
        var length = (double)TypeConverter.ToLength(array.Get("length"));
        CheckCollection(length, "Array.prototype.join");
        if (!_joining.Add(array))
        {
            return "";
        }
        try
        {
            var separator = locale || separatorValue.IsUndefined() ? "," : TypeConverter.ToString(separatorValue);
            var result = new StringBuilder();
            for (var i = 0; i < (int)length; i++)
            {
                if (i > 0)
                {
                    CheckLength((double)result.Length + separator.Length, "Array.prototype.join");
                    result.Append(separator);
                }
                var element = array.Get(i);
                if (element.IsNull() || element.IsUndefined())
                {
                    continue;
                }
                var text = locale ? TypeConverter.ToString(_engine.Invoke(element, "toLocaleString")) : TypeConverter.ToString(element);
                CheckLength((double)result.Length + text.Length, "Array.prototype.join");
                result.Append(text);
            }
            return result.ToString();
        }
        finally
        {
            _joining.Remove(array);
        }
    }

    /// <summary>String.raw, as the standard says, counting the result as it grows.</summary>
    private JsValue Raw(JsValue[] args)
    {
        var cooked = ToObject(Arg(args, 0), "String.raw");
        var literals = ToObject(cooked.Get("raw"), "String.raw");
        var count = (double)TypeConverter.ToLength(literals.Get("length"));
        CheckCollection(count, "String.raw");
        var result = new StringBuilder();
        for (var i = 0; i < (int)count; i++)
        {
            var literal = TypeConverter.ToString(literals.Get(i));
            CheckLength((double)result.Length + literal.Length, "String.raw");
            result.Append(literal);
            if (i + 1 == (int)count)
            {
                break;
            }
            if (i + 1 < args.Length)
            {
                var substitution = TypeConverter.ToString(args[i + 1]);
                CheckLength((double)result.Length + substitution.Length, "String.raw");
                result.Append(substitution);
            }
        }
        return result.ToString();
    }

    /// <summary>
    /// JSON.stringify with a replacer of ours that counts what each value will write (after toJSON and the caller's replacer)
    /// and refuses once the text would pass the limit. A list of property names as replacer is honoured by a counting run
    /// that filters the same names, then the original with the list (its order of properties).
    /// </summary>
    private JsValue Stringify(JsValue thisObj, JsValue[] args, JsValue original)
    {
        var value = Arg(args, 0);
        var replacer = Arg(args, 1);
        var space = Arg(args, 2);
        var indent = Indent(space);
        if (replacer is ObjectInstance list && list.IsArray())
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < (int)Math.Min((double)TypeConverter.ToLength(list.Get("length")), _limits.MaxCollectionLength); i++)
            {
                names.Add(TypeConverter.ToString(list.Get(i)));
            }
            Call(original, thisObj, [value, CountingReplacer(indent, null, names), space]);
            return Call(original, thisObj, args);
        }
        var callable = replacer is ObjectInstance function && function.IsCallable() ? replacer : null;
        return Call(original, thisObj, [value, CountingReplacer(indent, callable, null), space]);
    }

    private ClrFunction CountingReplacer(int indent, JsValue? replacer, HashSet<string>? names)
    {
        double written = 0;
        var depths = new Dictionary<ObjectInstance, int>(ReferenceEqualityComparer.Instance);
        return new ClrFunction(_engine, "replacer", (holder, args) =>
        {
            var key = TypeConverter.ToString(Arg(args, 0));
            var value = Arg(args, 1);
            var holderObject = holder as ObjectInstance;
            if (names is not null && holderObject is not null && !holderObject.IsArray() && key.Length > 0 && !names.Contains(key))
            {
                return JsValue.Undefined;
            }
            if (replacer is not null)
            {
                value = Call(replacer, holder, [key, value]);
            }
            var depth = holderObject is not null && depths.TryGetValue(holderObject, out var d) ? d + 1 : 1;
            written += key.Length + 4 + (double)depth * indent + 1;
            if (value is ObjectInstance child && !child.IsCallable())
            {
                depths[child] = depth;
                written += 2;
            }
            else if (value.IsString())
            {
                written += QuotedLength(value.AsString());
            }
            else if (value.IsNumber() || value.IsBoolean())
            {
                written += TypeConverter.ToString(value).Length;
            }
            CheckLength(written, "JSON.stringify");
            return value;
        }, 2);
    }

    /// <summary>The length of a string as JSON writes it, quotes and escapes included.</summary>
    private static double QuotedLength(string text)
    {
        double length = 2;
        foreach (var c in text)
        {
            length += c is '"' or '\\' or '\b' or '\f' or '\n' or '\r' or '\t' ? 2 : c < ' ' || char.IsSurrogate(c) ? 6 : 1;
        }
        return length;
    }

    private static int Indent(JsValue space) =>
        space.IsNumber() ? (int)Math.Clamp(TypeConverter.ToIntegerOrInfinity(space), 0, 10)
        : space.IsString() ? Math.Min(space.AsString().Length, 10)
        : 0;
}
