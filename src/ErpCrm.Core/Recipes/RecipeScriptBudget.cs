using System.Diagnostics;
using System.Globalization;

namespace ErpCrm.Core.Recipes;

/// <summary>
/// What all the scripted values of one recipe may use together, on top of each script's own limits: without it a recipe of a
/// thousand values that each stay just inside their limits would hold the host for minutes. Time is the scripts' own running
/// time; memory is what they allocated (on the thread that ran them), whether or not it is still held.
/// </summary>
public sealed class RecipeScriptBudget(TimeSpan maxTime, long maxBytes)
{
    /// <summary>How long the scripts of one recipe may run in all.</summary>
    public static readonly TimeSpan MaxTime = TimeSpan.FromSeconds(5);

    /// <summary>How many bytes the scripts of one recipe may allocate in all.</summary>
    public const long MaxBytes = 64 * 1024 * 1024;

    private TimeSpan _time;
    private long _bytes;

    /// <summary>The budget every recipe has.</summary>
    public RecipeScriptBudget() : this(MaxTime, MaxBytes)
    {
    }

    /// <summary>Why the budget is spent, or null while some is left.</summary>
    public string? Exhausted =>
        _time > maxTime ? $"the recipe's scripts used more than {Seconds(maxTime)} s in all (a recipe's scripts may run {Seconds(maxTime)} s)."
        : _bytes > maxBytes ? $"the recipe's scripts used more than {Megabytes(maxBytes)} MB in all (a recipe's scripts may allocate {Megabytes(maxBytes)} MB)."
        : null;

    /// <summary>Runs <paramref name="work"/> (synchronous, on this thread) and charges its time and allocations to the budget.</summary>
    public T Charge<T>(Func<T> work)
    {
        var started = Stopwatch.GetTimestamp();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        try
        {
            return work();
        }
        finally
        {
            _time += Stopwatch.GetElapsedTime(started);
            _bytes += GC.GetAllocatedBytesForCurrentThread() - allocated;
        }
    }

    private static string Seconds(TimeSpan time) => time.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture);

    private static string Megabytes(long bytes) => (bytes / (1024.0 * 1024)).ToString("0.###", CultureInfo.InvariantCulture);
}
