using System.Threading.Channels;

namespace ErpCrm.Core.Outbox;

/// <summary>Wakes the outbox worker for a tenant as soon as a transaction with outbox messages commits.</summary>
public sealed class OutboxSignal
{
    private readonly Channel<string> _tenants = Channel.CreateBounded<string>(new BoundedChannelOptions(10_000)
    {
        FullMode = BoundedChannelFullMode.DropOldest,
        SingleReader = true,
    });

    public void Notify(string tenantName) => _tenants.Writer.TryWrite(tenantName);

    internal ChannelReader<string> Reader => _tenants.Reader;
}
