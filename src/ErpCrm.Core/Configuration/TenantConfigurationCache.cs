using ErpCrm.Core.Tenants;
using ErpCrm.Core.Transactions;
using ErpCrm.Tenants;

namespace ErpCrm.Core.Configuration;

/// <summary>
/// The scope's view of <see cref="TenantConfigurationStore"/>: reads through the scope's unit of work, and keeps apart the kinds
/// this unit of work is changing — read from the database (its own uncommitted change) and never stored — until its transaction
/// ends: committed, the store forgets them; rolled back, nothing was stored and the serials did not move.
/// </summary>
internal sealed class TenantConfigurationCache(TenantAccessor tenant, UnitOfWork unitOfWork, TenantConfigurationStore store) : ITenantConfigurationCache
{
    private readonly HashSet<string> _changing = new(StringComparer.Ordinal);
    private string? _tenantKey;

    public async ValueTask<T> GetAsync<T>(ConfigurationKind<T> kind, Func<CancellationToken, Task<T>> load, CancellationToken cancellationToken) where T : class
    {
        if (!tenant.HasTenant || _changing.Contains(kind.Name))
        {
            return await load(cancellationToken);
        }
        var key = TenantKey;
        var featureSerial = tenant.Features.Serial;
        // The serials are read before the value: a change committed in between is seen at the next check, never hidden.
        var serials = await store.SerialsAsync(key, ReadSerialsAsync, cancellationToken);
        if (store.Find(key, kind.Name, serials, featureSerial) is T cached)
        {
            return cached;
        }
        var value = await load(cancellationToken);
        if (!_changing.Contains(kind.Name))
        {
            store.Keep(key, kind.Name, serials, featureSerial, value);
        }
        return value;
    }

    public async Task InvalidateAsync(ConfigurationKind kind, CancellationToken cancellationToken)
    {
        var transaction = await unitOfWork.BeginWriteAsync(cancellationToken);
        if (!_changing.Add(kind.Name))
        {
            return;
        }
        if (_changing.Count == 1)
        {
            var key = TenantKey;
            unitOfWork.AfterTransaction(committed =>
            {
                if (committed)
                {
                    store.Committed(key, _changing);
                }
                _changing.Clear();
            });
        }
        await ConfigurationSerials.BumpAsync(transaction.Connection!, transaction, kind.Name, cancellationToken);
    }

    private string TenantKey => _tenantKey ??= TenantConfigurationStore.KeyOf(tenant.Tenant);

    private async Task<IReadOnlyDictionary<string, long>> ReadSerialsAsync(CancellationToken cancellationToken) =>
        await ConfigurationSerials.ReadAsync(await unitOfWork.GetConnectionAsync(cancellationToken), unitOfWork.Transaction, cancellationToken);
}
