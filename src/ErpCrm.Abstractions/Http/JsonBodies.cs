using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace ErpCrm.Http;

/// <summary>Reads request bodies and recipe steps into modules' input records: property names ignore case, and a body of the wrong
/// shape is an error naming where, never an exception.</summary>
public static class JsonBodies
{
    /// <summary>The web defaults (camelCase, case-insensitive).</summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// How deep <see cref="Check"/> follows nesting: far deeper than any reader of a body goes (System.Text.Json stops at 64), so that
    /// nothing a reader would reach goes unchecked; what is deeper the reader refuses itself.
    /// </summary>
    public const int MaxCheckedDepth = 1024;

    /// <summary>The node as <typeparamref name="T"/>, or default with an error keyed <paramref name="path"/> (or the property at fault) when it does not read as one.</summary>
    public static T? Read<T>(JsonNode? node, string path, IDictionary<string, string> errors) where T : class
    {
        if (node is null)
        {
            errors[path.Length == 0 ? "body" : path] = $"{(path.Length == 0 ? "The body" : path)} is required.";
            return null;
        }
        try
        {
            return node.Deserialize<T>(Options);
        }
        catch (JsonException e)
        {
            errors[e.Path is { Length: > 2 } at ? $"{path}{(path.Length == 0 ? "" : ".")}{at.TrimStart('$', '.')}" : path.Length == 0 ? "body" : path] =
                $"has the wrong shape: {e.Message.Split(" Path:")[0]}";
            return null;
        }
    }

    /// <summary>
    /// Whether <paramref name="body"/> gives <paramref name="property"/> (name ignoring case) as JSON null, which reading into a
    /// record cannot tell from leaving it out. A partial update (null: unchanged) uses it to take an explicit null as "empty"
    /// — clear what may be cleared, refuse what may not — instead of ignoring it silently.
    /// </summary>
    public static bool GivesNull(JsonNode? body, string property) =>
        body is JsonObject json && json.Any(p => string.Equals(p.Key, property, StringComparison.OrdinalIgnoreCase) && p.Value is null);

    /// <summary>
    /// Checks JSON text before anything reads it: every string and property name is UTF-8 and keeps <see cref="TextRules"/>, and no object
    /// names a property twice (a <see cref="JsonObject"/> cannot hold that, and which of the two would count is anyone's guess). Each problem
    /// is added to <paramref name="errors"/> keyed by its JSON path (<c>lines[0].account</c>; <c>body</c> for the root). Answers false when
    /// the bytes are not JSON at all, which is left to the reader to explain in its own terms.
    /// </summary>
    public static bool Check(ReadOnlySpan<byte> utf8Json, IDictionary<string, string> errors)
    {
        var reader = new Utf8JsonReader(utf8Json, new JsonReaderOptions
        {
            CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true, MaxDepth = MaxCheckedDepth,
        });
        var open = new List<Container>();
        try
        {
            while (reader.Read())
            {
                switch (reader.TokenType)
                {
                    case JsonTokenType.PropertyName:
                        var owner = open[^1];
                        var name = ReadText(ref reader, out var nameProblem);
                        if (nameProblem is not null)
                        {
                            errors[Key(owner.Path)] = $"{Label(owner.Path)} has a property name that {nameProblem}";
                        }
                        else if (!(owner.Names ??= new HashSet<string>(StringComparer.Ordinal)).Add(name))
                        {
                            errors[Key(Child(owner.Path, name))] = $"{Label(Child(owner.Path, name))} is given twice: an object names each property once.";
                        }
                        // A bad name stays out of the paths of what it holds, so that no error key repeats it.
                        owner.Property = nameProblem is null ? name : "\uFFFD";
                        break;
                    case JsonTokenType.StartObject or JsonTokenType.StartArray:
                        open.Add(new Container(PathOfValue(open), reader.TokenType == JsonTokenType.StartArray));
                        break;
                    case JsonTokenType.EndObject or JsonTokenType.EndArray:
                        open.RemoveAt(open.Count - 1);
                        Next(open);
                        break;
                    case JsonTokenType.String:
                        ReadText(ref reader, out var problem);
                        if (problem is not null)
                        {
                            var path = PathOfValue(open);
                            errors[Key(path)] = $"{Label(path)} {problem}";
                        }
                        Next(open);
                        break;
                    default:
                        Next(open);
                        break;
                }
            }
            return true;
        }
        catch (JsonException)
        {
            return false;
        }
    }

    /// <summary>
    /// Reads a body an endpoint reads itself (rather than through a <see cref="JsonNode"/> parameter, which the host checks), whatever its
    /// content type says: checked as <see cref="Check"/> checks, then parsed. The node, or null with the errors (keyed <c>body</c> when
    /// the body is not JSON).
    /// </summary>
    public static async Task<JsonNode?> ParseAsync(Stream body, JsonDocumentOptions options, IDictionary<string, string> errors, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await body.CopyToAsync(buffer, cancellationToken);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        var before = errors.Count;
        Check(bytes.Span, errors);
        if (errors.Count > before)
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(bytes.Span, documentOptions: options);
        }
        catch (JsonException e)
        {
            errors["body"] = $"The body is not valid JSON: {e.Message}";
            return null;
        }
    }

    /// <summary>An object or array being read: its path, and where in it the reader is.</summary>
    private sealed class Container(string path, bool isArray)
    {
        public string Path { get; } = path;
        public bool IsArray { get; } = isArray;
        public int Index { get; set; }
        public string Property { get; set; } = "";
        public HashSet<string>? Names { get; set; }
    }

    /// <summary>The string the reader is on (a stand-in when it is not text), and what is wrong with it.</summary>
    private static string ReadText(ref Utf8JsonReader reader, out string? problem)
    {
        try
        {
            var text = reader.GetString()!;
            problem = TextRules.Problem(text);
            return text;
        }
        catch (InvalidOperationException)
        {
            // Escapes that decode to half a surrogate pair, or bytes that are not UTF-8: either way not text.
            problem = reader.ValueIsEscaped && Utf8.IsValid(reader.ValueSpan)
                ? "contains a lone UTF-16 surrogate (a \\u escape of D800–DFFF without its pair), which is not a character."
                : TextRules.NotUtf8;
            return "\uFFFD";
        }
    }

    private static string PathOfValue(List<Container> open) =>
        open.Count == 0 ? "" : open[^1].IsArray ? $"{open[^1].Path}[{open[^1].Index}]" : Child(open[^1].Path, open[^1].Property);

    private static void Next(List<Container> open)
    {
        if (open.Count > 0 && open[^1].IsArray)
        {
            open[^1].Index++;
        }
    }

    private static string Child(string path, string name) => path.Length == 0 ? name : $"{path}.{name}";

    private static string Key(string path) => path.Length == 0 ? "body" : path;

    private static string Label(string path) => path.Length == 0 ? "The body" : path;
}
