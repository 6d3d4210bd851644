namespace ErpCrm.Benchmarks.Infrastructure;

/// <summary>The system's clock moved forward by what <see cref="Advance"/> added: a host's tenants age without waiting.</summary>
internal sealed class ShiftedClock : TimeProvider
{
    private long _offsetTicks;

    public void Advance(TimeSpan by) => Interlocked.Add(ref _offsetTicks, by.Ticks);

    public override DateTimeOffset GetUtcNow() => System.GetUtcNow().AddTicks(Interlocked.Read(ref _offsetTicks));
}
