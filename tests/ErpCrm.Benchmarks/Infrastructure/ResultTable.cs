namespace ErpCrm.Benchmarks.Infrastructure;

/// <summary>The summary printed at the end: each figure with its baseline, ratio and aim where it has them.</summary>
internal sealed class ResultTable
{
    private static readonly string[] Headings = ["Figure", "Value", "Baseline", "Ratio", "Aim", "Aim met"];

    private readonly List<string[]> _rows = [];

    public void Add(string figure, string value, string baseline = "", string ratio = "", string aim = "", bool? aimMet = null) =>
        _rows.Add([figure, value, baseline, ratio, aim, aimMet switch { true => "yes", false => "NO", null => "" }]);

    public void Print(TextWriter output)
    {
        var widths = Headings.Select((h, i) => _rows.Select(r => r[i].Length).Append(h.Length).Max()).ToArray();
        var rule = string.Join("-+-", widths.Select(w => new string('-', w)));
        output.WriteLine(Line(Headings, widths));
        output.WriteLine(rule);
        foreach (var row in _rows)
        {
            output.WriteLine(Line(row, widths));
        }
    }

    // The figure's name reads left-aligned; numbers line up on the right.
    private static string Line(string[] cells, int[] widths) =>
        string.Join(" | ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))).TrimEnd();
}
