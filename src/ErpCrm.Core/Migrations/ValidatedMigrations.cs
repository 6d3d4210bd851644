using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using ErpCrm.Data;
using FluentMigrator.Expressions;
using FluentMigrator.Validation;

namespace ErpCrm.Core.Migrations;

/// <summary>
/// FluentMigrator's check of a migration's expressions (their required names and types, through data annotations), run the
/// first time this process applies a migration on an engine, and skipped after: a migration's expressions come from its code
/// and the engine alone, never from the tenant, so what passed for one tenant passes for the next. Reflection over every
/// expression was a third of the cost of setting up a tenant.
/// </summary>
internal sealed class ValidatedMigrations(DatabaseProvider provider)
{
    private static readonly ConcurrentDictionary<(Type Migration, DatabaseProvider Provider), bool> Passed = new();

    private (Type, DatabaseProvider)? _current;

    /// <summary>The validator FluentMigrator's runner asks, for the migration that <see cref="Applying"/> named.</summary>
    public IMigrationExpressionValidator ValidatorFor(IServiceProvider services) => new Validator(this, new DefaultMigrationExpressionValidator(services));

    /// <summary>Names the migration whose expressions the runner checks next.</summary>
    public void Applying(Type migration) => _current = (migration, provider);

    /// <summary>Records that the migration named last was applied, so its expressions passed.</summary>
    public void Applied()
    {
        if (_current is { } key)
        {
            Passed.TryAdd(key, true);
        }
    }

    private bool Skips => _current is { } key && Passed.ContainsKey(key);

    private sealed class Validator(ValidatedMigrations owner, IMigrationExpressionValidator inner) : IMigrationExpressionValidator
    {
        public IEnumerable<ValidationResult> Validate(IMigrationExpression expression) => owner.Skips ? [] : inner.Validate(expression);
    }
}
