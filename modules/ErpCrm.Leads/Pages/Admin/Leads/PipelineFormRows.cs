using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using ErpCrm.Leads.Models;
using Microsoft.AspNetCore.Html;
using Microsoft.AspNetCore.Http;

namespace ErpCrm.Leads.Pages.Admin.Leads;

/// <summary>A row of a settings table as typed, and the errors about it by input (<c>""</c> for the row as a whole).</summary>
public abstract class FormRow
{
    public bool Remove { get; set; }
    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public string? ErrorOf(string input) => Errors.TryGetValue(input, out var error) ? error : null;

    /// <summary>The error about an input as a paragraph next to it (<c>{id}-error</c>, which the input's aria-describedby names), or nothing.</summary>
    public IHtmlContent ErrorFor(string input, string id) =>
        ErrorOf(input) is { } error
            ? new HtmlContentBuilder().AppendHtml($"<p class=\"error\" id=\"{HtmlEncoder.Default.Encode(id)}-error\">").Append(error).AppendHtml("</p>")
            : HtmlString.Empty;

    public void AddError(string input, string message) => Errors[input] = Errors.TryGetValue(input, out var other) ? $"{other} {message}" : message;
}

/// <summary>A stage as the settings form shows it; <see cref="Original"/> is the stage's name when the form was shown (empty for a new one).</summary>
public sealed class StageRow : FormRow
{
    public string Original { get; set; } = "";
    public string Name { get; set; } = "";
    public string Position { get; set; } = "";
    public string Probability { get; set; } = "";
    public bool Won { get; set; }
    public bool Lost { get; set; }
    public string MoveTo { get; set; } = "";

    public bool IsNew => Original.Length == 0;

    /// <summary>Renamed (not just a change of case): for the service, leaving the old stage out and moving its leads to the new name.</summary>
    public bool IsRenamed => !IsNew && Name.Trim().Length > 0 && !string.Equals(Name.Trim(), Original, StringComparison.OrdinalIgnoreCase);

    public static StageRow Of(PipelineStage stage, int index) => new()
    {
        Original = stage.Name, Name = stage.Name, Position = (index + 1).ToString(CultureInfo.InvariantCulture),
        Probability = stage.Probability.ToString(CultureInfo.InvariantCulture), Won = stage.IsWon, Lost = stage.IsLost,
    };
}

/// <summary>A scoring or assignment rule as the settings form shows it (a scoring rule has points, an assignment rule a user or a role).</summary>
public sealed class RuleRow : FormRow
{
    public string Name { get; set; } = "";
    public string Field { get; set; } = "";
    public string Operator { get; set; } = "";
    public string Value { get; set; } = "";
    public string Points { get; set; } = "";
    public string User { get; set; } = "";
    public string Role { get; set; } = "";

    public bool IsBlank => new[] { Name, Field, Operator, Value, Points, User, Role }.All(string.IsNullOrWhiteSpace);

    public static RuleRow Of(ScoringRule rule) => new()
    {
        Name = rule.Name ?? "", Field = rule.When?.Field ?? "", Operator = rule.When?.Operator ?? "", Value = rule.When?.Value ?? "",
        Points = rule.Points?.ToString(CultureInfo.InvariantCulture) ?? "",
    };

    public static RuleRow Of(AssignmentRule rule) => new()
    {
        Name = rule.Name ?? "", Field = rule.When?.Field ?? "", Operator = rule.When?.Operator ?? "", Value = rule.When?.Value ?? "",
        User = rule.User ?? "", Role = rule.RoundRobinRole ?? "",
    };

    /// <summary>The rule's condition; none when neither a field nor an operator is given (an assignment rule without one takes every lead).</summary>
    public RuleCondition? When => string.IsNullOrWhiteSpace(Field) && string.IsNullOrWhiteSpace(Operator) ? null : new RuleCondition(Field, Operator, Value);
}

/// <summary>Reads the rows of a settings table from a posted form (<c>prefix[i].input</c>) and puts the services' errors on them.</summary>
public static partial class FormRows
{
    /// <summary>More rows than any list allows are not read: the service refuses long lists anyway.</summary>
    private const int MaxRows = PipelineLimits.MaxRules + 10;

    public static List<T> Read<T>(IFormCollection form, string prefix, Func<Func<string, string>, T> row) where T : FormRow
    {
        var rows = new List<T>();
        for (var i = 0; i < MaxRows && form.Keys.Any(k => k.StartsWith($"{prefix}[{i}].", StringComparison.Ordinal)); i++)
        {
            var at = i;
            var read = row(input => form[$"{prefix}[{at}].{input}"].ToString());
            read.Remove = form[$"{prefix}[{at}].remove"].ToString() == "true";
            rows.Add(read);
        }
        return rows;
    }

    /// <summary>
    /// Puts each error of a service keyed <c>{list}[k]…</c> (<c>rules[2].when.field</c>) on the row the k-th item sent came from, under
    /// the input its rest names through <paramref name="inputOf"/>; answers the errors that name no row.
    /// </summary>
    public static List<string> Place<T>(IReadOnlyDictionary<string, string> errors, string list, IReadOnlyList<T> sent, Func<string, string> inputOf) where T : FormRow
    {
        var others = new List<string>();
        foreach (var (key, message) in errors)
        {
            var match = Indexed().Match(key);
            if (match.Success && match.Groups["list"].Value == list && int.TryParse(match.Groups["index"].Value, CultureInfo.InvariantCulture, out var k) && k < sent.Count)
            {
                sent[k].AddError(inputOf(match.Groups["rest"].Value.TrimStart('.')), message);
            }
            else
            {
                others.Add(message);
            }
        }
        return others;
    }

    public static int? Integer(string text, FormRow row, string input, string message)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }
        row.AddError(input, message);
        return null;
    }

    [GeneratedRegex(@"^(?<list>[A-Za-z]+)\[(?<index>\d+)\](?<rest>.*)$")]
    private static partial Regex Indexed();
}
