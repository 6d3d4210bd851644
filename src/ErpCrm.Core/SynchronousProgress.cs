namespace ErpCrm.Core;

/// <summary>Reports progress as it happens, on the caller's thread (<see cref="Progress{T}"/> would post it later, out of order).</summary>
public sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
