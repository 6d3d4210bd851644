using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ErpCrm.Core.Content.Items;
using ErpCrm.Core.Scripting;
using ErpCrm.Recipes;
using Jint;
using Jint.Native;

namespace ErpCrm.Core.Recipes;

/// <summary>
/// Evaluates a recipe's scripted values: a JSON string that is all <c>[js: …]</c> is replaced by what the script gives
/// (Jint, with the limits of <see cref="ScriptLimits"/>, the recipe's scripts together within a <see cref="RecipeScriptBudget"/>), and <c>[file:text('path')]</c> by the text of a file beside
/// the recipe. Scripts may call <c>variables('x')</c> (the recipe's variables, each evaluated once, on first use),
/// <c>parameters('x')</c> (setup values: AdminUsername, AdminUserId, SiteName…), <c>uuid()</c> and <c>base64('…')</c>
/// (decodes Base64 to text). A script that throws, runs too long or names an unknown variable is an error naming its path.
/// </summary>
public sealed partial class RecipeValues
{
    /// <summary>What each script may use (time, statements, memory, sizes); the recipe as a whole has its <see cref="RecipeScriptBudget"/>.</summary>
    public static readonly ScriptLimits Limits = ScriptLimits.Default;

    /// <summary>The longest script of one value. Recipes' scripts are one-liners; a long text is data, for a variable or a file.</summary>
    public const int MaxScriptLength = 100_000;

    private readonly JsonObject _variables;
    private readonly IReadOnlyDictionary<string, string> _parameters;
    private readonly string? _directory;
    private readonly Dictionary<string, JsonNode?> _evaluated = new(StringComparer.Ordinal);
    private readonly HashSet<string> _evaluating = new(StringComparer.Ordinal);
    private readonly RecipeScriptBudget _budget;
    private bool _budgetReported;
    private Engine? _engine;

    public RecipeValues(JsonObject? variables, IReadOnlyDictionary<string, string> parameters, string? directory)
        : this(variables, parameters, directory, new RecipeScriptBudget())
    {
    }

    /// <summary>With another budget than every recipe's: for tests of what happens when it is spent.</summary>
    internal RecipeValues(JsonObject? variables, IReadOnlyDictionary<string, string> parameters, string? directory, RecipeScriptBudget budget)
    {
        _budget = budget;
        _variables = variables ?? [];
        _parameters = parameters;
        _directory = directory;
    }

    /// <summary>
    /// The script engine, made on the first script: most recipes have none, and an engine with its guards costs milliseconds, which every
    /// tenant's setup (a recipe checked, then run) would pay for nothing.
    /// </summary>
    private Engine Engine
    {
        get
        {
            if (_engine is null)
            {
                _engine = ScriptEngines.Create(Limits);
                _engine.SetValue("uuid", new Func<string>(ContentIds.New));
                _engine.SetValue("base64", new Func<string, string>(text => Encoding.UTF8.GetString(Convert.FromBase64String(text))));
                _engine.SetValue("parameters", new Func<string, string>(Parameter));
                _engine.SetValue("variables", new Func<string, JsValue>(name => ToJs(Variable(name))));
            }
            return _engine;
        }
    }

    /// <summary>Replaces every scripted value inside <paramref name="node"/> (in place); adds an error per value that fails.</summary>
    public void Evaluate(JsonNode node, int stepIndex, string stepName, string path, IList<RecipeError> errors)
    {
        switch (node)
        {
            case JsonObject json:
                foreach (var (key, value) in json.ToList())
                {
                    var childPath = $"{path}.{key}";
                    if (IsScripted(value, out var text))
                    {
                        json[key] = EvaluateValue(text, stepIndex, stepName, childPath, errors);
                    }
                    else if (value is not null)
                    {
                        Evaluate(value, stepIndex, stepName, childPath, errors);
                    }
                }
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    var childPath = $"{path}[{i}]";
                    if (IsScripted(array[i], out var text))
                    {
                        array[i] = EvaluateValue(text, stepIndex, stepName, childPath, errors);
                    }
                    else if (array[i] is { } child)
                    {
                        Evaluate(child, stepIndex, stepName, childPath, errors);
                    }
                }
                break;
        }
    }

    private JsonNode? EvaluateValue(string text, int stepIndex, string stepName, string path, IList<RecipeError> errors)
    {
        JsonNode? value = JsonValue.Create(text);
        // Once the recipe's budget is spent, the value that spent it is named and the rest are left alone: nothing runs anyway.
        if (_budget.Exhausted is null)
        {
            try
            {
                value = _budget.Charge(() => Resolve(text));
            }
            catch (RecipeValueException e)
            {
                errors.Add(new RecipeError(stepIndex, stepName, path, e.Message));
            }
        }
        if (_budget.Exhausted is { } spent && !_budgetReported)
        {
            _budgetReported = true;
            errors.Add(new RecipeError(stepIndex, stepName, path, spent));
        }
        return value;
    }

    private JsonNode? Resolve(string text)
    {
        if (FileValue().Match(text) is { Success: true } file)
        {
            return JsonValue.Create(ReadFile(file.Groups[1].Value));
        }
        var script = ScriptValue().Match(text).Groups[1].Value.Trim();
        if (script.Length > MaxScriptLength)
        {
            throw new RecipeValueException($"the script has {script.Length:N0} characters; a value's script may have at most {MaxScriptLength:N0}.");
        }
        try
        {
            // Orchard Core's recipes write some scripts as function bodies ("…; return x;").
            var result = ReturnStatement().IsMatch(script)
                ? Engine.Evaluate($"(function () {{ {script} }})()")
                : Engine.Evaluate(script);
            return ToJson(result);
        }
        catch (RecipeValueException)
        {
            throw;
        }
        catch (RegexMatchTimeoutException)
        {
            throw new RecipeValueException($"the script '{Shorten(script)}' failed: a regular expression ran longer than {Limits.RegexTimeout.TotalMilliseconds:0} ms.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Whatever a script does wrong (a syntax error, a throw, a limit reached) is the recipe's problem, reported with its path.
            throw new RecipeValueException($"the script '{Shorten(script)}' failed: {e.Message}");
        }
    }

    private string Parameter(string name) =>
        _parameters.TryGetValue(name, out var value) ? value
            : throw new RecipeValueException($"parameters('{name}') is not a setup parameter (known: {string.Join(", ", _parameters.Keys.Order(StringComparer.Ordinal))}).");

    private JsonNode? Variable(string name)
    {
        if (_evaluated.TryGetValue(name, out var done))
        {
            return done?.DeepClone();
        }
        if (!_variables.TryGetPropertyValue(name, out var value))
        {
            throw new RecipeValueException($"variables('{name}') is not one of the recipe's variables (known: {string.Join(", ", _variables.Select(v => v.Key))}).");
        }
        if (!_evaluating.Add(name))
        {
            throw new RecipeValueException($"the variable '{name}' refers to itself.");
        }
        var evaluated = IsScripted(value, out var text) ? Resolve(text) : value?.DeepClone();
        _evaluating.Remove(name);
        _evaluated[name] = evaluated;
        return evaluated?.DeepClone();
    }

    private string ReadFile(string relative)
    {
        if (_directory is null)
        {
            throw new RecipeValueException($"[file:text('{relative}')] needs a recipe file to be relative to; this recipe has none.");
        }
        var full = Path.GetFullPath(Path.Combine(_directory, relative));
        if (!full.StartsWith(Path.GetFullPath(_directory) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new RecipeValueException($"[file:text('{relative}')] points outside the recipe's folder.");
        }
        return File.Exists(full) ? File.ReadAllText(full) : throw new RecipeValueException($"the file '{relative}' named by [file:text()] does not exist beside the recipe.");
    }

    private JsValue ToJs(JsonNode? node)
    {
        if (node is null)
        {
            return JsValue.Null;
        }
        var json = node.ToJsonString();
        return json.Length <= Limits.MaxStringLength ? Engine.Evaluate($"({json})")
            : throw new RecipeValueException($"a variable of {json.Length:N0} characters is larger than a script may be given ({Limits.MaxStringLength:N0}).");
    }

    private JsonNode? ToJson(JsValue value)
    {
        if (value.IsNull() || value.IsUndefined())
        {
            return null;
        }
        if (value.IsString())
        {
            var text = value.AsString();
            return text.Length <= Limits.MaxStringLength ? JsonValue.Create(text)
                : throw new ScriptLimitException($"the value has {text.Length:N0} characters; a value may have at most {Limits.MaxStringLength:N0}.");
        }
        if (value.IsBoolean())
        {
            return JsonValue.Create(value.AsBoolean());
        }
        if (value.IsNumber())
        {
            var number = value.AsNumber();
            return number == Math.Floor(number) && Math.Abs(number) < 1e15 ? JsonValue.Create((long)number) : JsonValue.Create(number);
        }
        if (value.IsDate())
        {
            return JsonValue.Create(value.AsDate().ToDateTime().ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
        }
        Engine.SetValue("__recipeValue", value);
        var json = Engine.Evaluate("JSON.stringify(__recipeValue)");
        return json.IsString() ? JsonNode.Parse(json.AsString()) : null;
    }

    private static bool IsScripted(JsonNode? node, out string text)
    {
        text = "";
        if (node is JsonValue value && value.GetValueKind() == JsonValueKind.String)
        {
            text = value.GetValue<string>();
            return ScriptValue().IsMatch(text) || FileValue().IsMatch(text);
        }
        return false;
    }

    private static string Shorten(string script) => script.Length <= 60 ? script : script[..57] + "...";

    [GeneratedRegex(@"^\[js:(.*)\]$", RegexOptions.Singleline)]
    private static partial Regex ScriptValue();

    [GeneratedRegex(@"^\[file:text\('([^']*)'\)\]$")]
    private static partial Regex FileValue();

    [GeneratedRegex(@"(^|[;{}\s])return\b")]
    private static partial Regex ReturnStatement();
}

/// <summary>A scripted value that cannot be evaluated; its message is the reason users read.</summary>
public sealed class RecipeValueException(string message) : Exception(message);
