namespace ErpCrm.Benchmarks.Infrastructure;

/// <summary>Timed samples of one operation, summarised by percentiles (interpolated between neighbours).</summary>
internal sealed class Samples
{
    private readonly List<double> _sorted;

    public Samples(IEnumerable<double> values)
    {
        _sorted = values.Order().ToList();
        if (_sorted.Count == 0)
        {
            throw new ArgumentException("At least one sample is needed.", nameof(values));
        }
    }

    public int Count => _sorted.Count;
    public double Median => Percentile(0.50);
    public double P95 => Percentile(0.95);
    public double Min => _sorted[0];
    public double Max => _sorted[^1];

    public double Percentile(double fraction)
    {
        var position = fraction * (_sorted.Count - 1);
        var below = (int)Math.Floor(position);
        var above = Math.Min(below + 1, _sorted.Count - 1);
        return _sorted[below] + (_sorted[above] - _sorted[below]) * (position - below);
    }

    public override string ToString() =>
        FormattableString.Invariant($"median {Median:0.00}, p95 {P95:0.00}, min {Min:0.00}, max {Max:0.00} (n={Count})");
}
