using System.Text;
using System.Text.Json.Nodes;

namespace ErpCrm.Testing;

/// <summary>One request the fuzz sends: which operation, which bad input, and the request itself.</summary>
public sealed record FuzzRequest(string Operation, string Input, string Method, string PathAndQuery, byte[]? Body, string? ContentType,
    IReadOnlyDictionary<string, string>? Headers = null)
{
    public override string ToString() => $"{Operation} with {Input}";
}

/// <summary>
/// The classes of bad input the probe of the running host found answered 500, as raw bytes: a lone UTF-16 surrogate and control characters
/// (as JSON escapes), invalid UTF-8, huge numbers, the calendar's first and last days, values of the wrong JSON type, an empty body, deep
/// nesting, oversized text and duplicate property names. Each is put in one place of a representative request at a time: every string,
/// number, flag, object and list of its body, every route and query parameter; and the body is replaced whole. Deterministic: no randomness.
/// </summary>
public static partial class BadInputs
{
    /// <summary>Longer than any column or field limit.</summary>
    private static readonly string Long = new('x', 10_000);

    /// <summary>Larger than any field is meant to hold, but well under the host's body limit.</summary>
    private static readonly string Huge = new('y', 2_000_000);

    private static readonly byte[] InvalidUtf8 = [0xFF, 0xFE, 0xC0, 0x80];

    /// <summary>A surrogate encoded as if it were a character (CESU-8): not UTF-8 either.</summary>
    private static readonly byte[] EncodedSurrogate = [0xED, 0xA0, 0x80];

    private static readonly string[] YearsAtTheEdges = ["9999", "0001"];

    private static readonly string[] Dates = ["9999-12-31", "0001-01-01", "9999-12-31T23:59:59-05:00", "0001-01-01T00:00:00+05:00"];

    private static readonly string[] HugeNumbers = ["1e400", "-1e400", "99999999999999999999999999999", "9223372036854775807", "-9223372036854775808"];

    /// <summary>Route and query values, percent-encoded as they travel.</summary>
    private static readonly (string Label, string Value)[] Parameters =
    [
        ("an encoded lone surrogate", "%ED%A0%80"), ("NUL", "%00"), ("an escape character", "%1B"), ("invalid UTF-8", "%FF%FE"),
        ("year 9999", "9999-12-31"), ("year 1", "0001-01-01"), ("a huge number", "99999999999999999999999999999"),
        ("a negative number", "-1"), ("long text", Long), ("an empty value", ""),
    ];

    /// <summary>Every bad request of one operation, from its representative request.</summary>
    public static IEnumerable<FuzzRequest> For(OpenApiOperation operation, FuzzSample? sample, FuzzSamples.Seeds seeds)
    {
        var route = operation.PathParameters.ToDictionary(p => p.Name, p => Uri.EscapeDataString(seeds.RouteValue(operation, p.Name)));
        var query = Query(operation, sample, seeds);
        var body = sample?.Body is { } text ? seeds.Fill(text) : null;
        var contentType = sample?.ContentType ?? "application/json";
        var takesBody = operation.Method is "POST" or "PUT" or "PATCH";
        var good = body is null ? null : Encoding.UTF8.GetBytes(body);

        var made = 0;
        FuzzRequest Request(string input, IReadOnlyDictionary<string, string> routeValues, IReadOnlyList<(string Name, string Value)> queryValues, byte[]? content,
            string? type = null, IReadOnlyDictionary<string, string>? headers = null) =>
            new(operation.Key, input, operation.Method, PathAndQuery(operation.Path, routeValues, queryValues), content is null ? null : Numbered(content, ++made),
                content is null ? null : type ?? contentType, headers);

        foreach (var parameter in route.Keys)
        {
            foreach (var (label, value) in Parameters.Where(p => p.Value.Length > 0))
            {
                yield return Request($"{label} in route parameter '{parameter}'", new Dictionary<string, string>(route) { [parameter] = value }, query, good);
            }
        }
        for (var i = 0; i < query.Count; i++)
        {
            foreach (var (label, value) in Parameters)
            {
                var changed = query.ToList();
                changed[i] = (changed[i].Name, value);
                yield return Request($"{label} in query parameter '{query[i].Name}'", route, changed, good);
            }
        }
        foreach (var year in YearsAtTheEdges.Where(_ => query.Any(q => IsoDate().IsMatch(q.Value))))
        {
            // Every date at once, so that they stay in order (from before to) and reach the arithmetic between them.
            yield return Request($"every date in year {year} in the query", route, query.Select(q => (q.Name, IsoDate().Replace(q.Value, year + "-$1"))).ToList(), good);
        }
        if (operation.Method is "PUT" or "DELETE" or "POST")
        {
            foreach (var (label, header, value) in new[]
            {
                ("a huge revision in If-Match", "If-Match", "\"99999999999999999999999\""), ("a weak If-Match", "If-Match", "W/\"1\""),
                ("a long Idempotency-Key", "Idempotency-Key", Long),
            })
            {
                yield return Request(label, route, query, good, headers: new Dictionary<string, string> { [header] = value });
            }
        }
        if (!takesBody)
        {
            yield break;
        }
        foreach (var (label, bytes) in WholeBodies(body))
        {
            yield return Request(label, route, query, bytes, "application/json");
        }
        if (body is null)
        {
            yield break;
        }
        if (contentType != "application/json")
        {
            foreach (var (label, bytes) in TextBodies(body))
            {
                yield return Request(label, route, query, bytes);
            }
            yield break;
        }
        var root = JsonNode.Parse(body)!;
        foreach (var (path, node) in Leaves(root, ""))
        {
            foreach (var (label, replacement) in Replacements(node))
            {
                yield return Request($"{label} at {path}", route, query, Replace(root, path, node, replacement));
            }
        }
    }

    /// <summary>
    /// The body with <c>{n}</c> replaced by the request's number and <c>{year}</c> by a year of its own: what a sample creates is then new
    /// each time (a name, a code, a fiscal year), so that a bad value reaches the code that stores it instead of a "that exists already".
    /// </summary>
    private static byte[] Numbered(byte[] body, int n) =>
        body.AsSpan().IndexOf("{n}"u8) < 0 && body.AsSpan().IndexOf("{year}"u8) < 0
            ? body
            : Replace(Replace(body, "{n}"u8, Encoding.UTF8.GetBytes(n.ToString(System.Globalization.CultureInfo.InvariantCulture))),
                "{year}"u8, Encoding.UTF8.GetBytes((2100 + n).ToString(System.Globalization.CultureInfo.InvariantCulture)));

    private static byte[] Replace(byte[] bytes, ReadOnlySpan<byte> placeholder, byte[] value)
    {
        var result = new List<byte>(bytes.Length);
        var rest = bytes.AsSpan();
        for (var at = rest.IndexOf(placeholder); at >= 0; at = rest.IndexOf(placeholder))
        {
            result.AddRange(rest[..at]);
            result.AddRange(value);
            rest = rest[(at + placeholder.Length)..];
        }
        result.AddRange(rest);
        return [.. result];
    }

    private static List<(string Name, string Value)> Query(OpenApiOperation operation, FuzzSample? sample, FuzzSamples.Seeds seeds)
    {
        var values = (sample?.Query is { } query ? seeds.Fill(query) : "")
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(pair => (pair[0], pair.Length > 1 ? pair[1] : ""))
            .ToList();
        foreach (var parameter in operation.Parameters.Where(p => p.In == "query" && values.All(v => v.Item1 != p.Name)))
        {
            values.Add((parameter.Name, parameter.Type is "boolean" ? "true" : parameter.Type is "integer" or "number" ? "1" : "sample"));
        }
        return values;
    }

    private static string PathAndQuery(string template, IReadOnlyDictionary<string, string> route, IReadOnlyList<(string Name, string Value)> query)
    {
        var path = route.Aggregate(template, (text, value) => text.Replace("{" + value.Key + "}", value.Value));
        return path.TrimStart('/') + (query.Count == 0 ? "" : "?" + string.Join("&", query.Select(q => $"{q.Name}={q.Value}")));
    }

    /// <summary>Bodies that replace the representative one whole.</summary>
    private static IEnumerable<(string Label, byte[] Bytes)> WholeBodies(string? body)
    {
        foreach (var (label, text) in new[]
        {
            ("an empty body", ""), ("a null body", "null"), ("an array body", "[]"), ("a string body", "\"\\ud800\""), ("a number body", "1e400"),
            ("an empty object", "{}"), ("a truncated body", "{\"a\": "), ("text that is not JSON", "not json"),
            ("a deeply nested body", new string('[', 100_000) + new string(']', 100_000)),
            ("deeply nested objects", string.Concat(Enumerable.Repeat("{\"a\":", 5_000)) + "1" + new string('}', 5_000)),
        })
        {
            yield return (label, Encoding.UTF8.GetBytes(text));
        }
        yield return ("a body of invalid UTF-8", InvalidUtf8);
        foreach (var year in YearsAtTheEdges.Where(_ => body is not null && IsoDate().IsMatch(body)))
        {
            yield return ($"every date in year {year}", Encoding.UTF8.GetBytes(IsoDate().Replace(body!, year + "-$1")));
        }
        if (body is not null && body.TrimStart().StartsWith('{') && JsonNode.Parse(body) is JsonObject { Count: > 0 } root)
        {
            // The first property again, with another value: a JSON object that names a property twice.
            var (name, _) = root.First();
            yield return ("a property named twice", Encoding.UTF8.GetBytes(body.TrimEnd()[..^1] + $", \"{name}\": \"again\"}}"));
            yield return ("a huge string", Encoding.UTF8.GetBytes(body.TrimEnd()[..^1] + $", \"fuzz\": \"{Huge}\"}}"));
        }
    }

    /// <summary>Bodies of another content type (a CSV file): the bad text in the file itself.</summary>
    private static IEnumerable<(string Label, byte[] Bytes)> TextBodies(string body)
    {
        var lines = body.Split("\r\n");
        var cell = lines[1].Split(',')[1];
        byte[] With(byte[] bad) => [.. Encoding.UTF8.GetBytes(body[..body.IndexOf(cell, StringComparison.Ordinal)]), .. bad,
            .. Encoding.UTF8.GetBytes(body[(body.IndexOf(cell, StringComparison.Ordinal) + cell.Length)..])];
        yield return ("invalid UTF-8 in a cell", With(InvalidUtf8));
        yield return ("an encoded surrogate in a cell", With(EncodedSurrogate));
        yield return ("NUL in a cell", With([0x00]));
        yield return ("an escape character in a cell", With([0x1B]));
        yield return ("year 9999 in a cell", With("9999-12-31"u8.ToArray()));
        yield return ("a long cell", With(Encoding.UTF8.GetBytes(Long + Long)));
        yield return ("an unclosed quote", With("\"open"u8.ToArray()));
    }

    /// <summary>Every value and container below the root, with its path (<c>lines[0].account</c>).</summary>
    private static IEnumerable<(string Path, JsonNode? Node)> Leaves(JsonNode node, string path)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    var at = path.Length == 0 ? name : $"{path}.{name}";
                    yield return (at, child);
                    if (child is JsonObject or JsonArray)
                    {
                        foreach (var inner in Leaves(child, at))
                        {
                            yield return inner;
                        }
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var at = $"{path}[{i}]";
                    yield return (at, array[i]);
                    if (array[i] is JsonObject or JsonArray)
                    {
                        foreach (var inner in Leaves(array[i]!, at))
                        {
                            yield return inner;
                        }
                    }
                }
                break;
        }
    }

    /// <summary>The bad values for a place that holds <paramref name="node"/>, as raw JSON bytes.</summary>
    private static IEnumerable<(string Label, byte[] Json)> Replacements(JsonNode? node)
    {
        var kind = node?.GetValueKind();
        var text = node is JsonValue value && value.TryGetValue<string>(out var s) ? s : "";
        IEnumerable<(string, string)> json = kind switch
        {
            System.Text.Json.JsonValueKind.Object => [("a list for an object", "[]"), ("text for an object", "\"x\""), ("deep nesting", Deep())],
            System.Text.Json.JsonValueKind.Array => [("an object for a list", "{}"), ("text for a list", "\"x\""), ("deep nesting", Deep())],
            System.Text.Json.JsonValueKind.Number => [
                .. HugeNumbers.Select(n => ($"the number {n}", n)), ("a fraction", "0.000000001"), ("text for a number", "\"x\""),
                ("year 9999 for a number", "\"9999-12-31\""), ("a flag for a number", "true"), ("an object for a number", "{}"), ("null", "null")],
            System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => [
                ("text for a flag", "\"true\""), ("a number for a flag", "1"), ("a list for a flag", "[]"), ("null", "null")],
            _ => [
                ("a lone surrogate", $"\"{Escaped(text)}\\ud800\""), ("a lone low surrogate", "\"\\udc00\""), ("NUL", $"\"{Escaped(text)}\\u0000\""),
                ("long text", $"\"{Long}\""),
                .. Dates.Select(d => ($"the date {d}", $"\"{d}\"")), .. HugeNumbers.Take(3).Select(n => ($"the text {n}", $"\"{n}\"")),
                ("a number for text", "1e400"), ("a flag for text", "true"), ("an object for text", "{}"), ("a list for text", "[]"), ("null", "null")],
        };
        foreach (var (label, raw) in json)
        {
            yield return (label, Encoding.UTF8.GetBytes(raw));
        }
        if (kind is null or System.Text.Json.JsonValueKind.String)
        {
            yield return ("invalid UTF-8", [(byte)'"', .. InvalidUtf8, (byte)'"']);
        }
    }

    private static string Deep() => new string('[', 10_000) + new string(']', 10_000);

    private static string Escaped(string text) => System.Text.Json.JsonSerializer.Serialize(text)[1..^1];

    /// <summary>The body with the node at <paramref name="path"/> replaced by raw JSON bytes.</summary>
    private static byte[] Replace(JsonNode root, string path, JsonNode? node, byte[] replacement)
    {
        const string marker = "\u2063fuzz-marker\u2063";
        var copy = root.DeepClone();
        var target = Find(copy, path);
        switch (target.Parent)
        {
            case JsonObject obj:
                obj[target.Name!] = marker;
                break;
            case JsonArray array:
                array[target.Index] = marker;
                break;
        }
        var text = copy.ToJsonString();
        var quoted = System.Text.Json.JsonSerializer.Serialize(marker);
        var at = text.IndexOf(quoted, StringComparison.Ordinal);
        return [.. Encoding.UTF8.GetBytes(text[..at]), .. replacement, .. Encoding.UTF8.GetBytes(text[(at + quoted.Length)..])];
    }

    /// <summary>The parent of the node at a path such as <c>lines[0].account</c>, and its name or index there.</summary>
    private static (JsonNode Parent, string? Name, int Index) Find(JsonNode root, string path)
    {
        var steps = new List<object>();
        foreach (var part in path.Split('.'))
        {
            var bracket = part.IndexOf('[');
            if (bracket != 0)
            {
                steps.Add(bracket < 0 ? part : part[..bracket]);
            }
            if (bracket >= 0)
            {
                steps.AddRange(part[bracket..].Split('[', StringSplitOptions.RemoveEmptyEntries).Select(i => (object)int.Parse(i.TrimEnd(']'), System.Globalization.CultureInfo.InvariantCulture)));
            }
        }
        var parent = root;
        foreach (var step in steps.SkipLast(1))
        {
            parent = step is int index ? parent[index]! : parent[(string)step]!;
        }
        return steps[^1] is int last ? (parent, null, last) : (parent, (string)steps[^1], -1);
    }

    /// <summary>A date in a sample: <c>2026-01-15</c>, or <c>{year}-01-01</c> before the request's year is filled in.</summary>
    [System.Text.RegularExpressions.GeneratedRegex(@"(?:\b\d{4}|\{year\})-(\d{2}-\d{2})")]
    private static partial System.Text.RegularExpressions.Regex IsoDate();
}
