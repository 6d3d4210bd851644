using System.Text.Json.Nodes;
using ErpCrm.Content;
using ErpCrm.Core.Identity;
using ErpCrm.Data;
using ErpCrm.Tenants;

namespace ErpCrm.Core.Content;

/// <summary>A definition as stored, with the version that <c>If-Match</c> must name to change it.</summary>
public sealed record StoredDefinition<T>(T Definition, long Version);

/// <summary>How many definitions an import created or replaced.</summary>
public sealed record ContentDefinitionImportCounts(int ContentTypes, int ContentParts);

/// <summary>
/// The current tenant's content type and part definitions.
/// Invariants:
/// - a name is unique among types and among parts ignoring case; lookups ignore case, the stored spelling is kept;
/// - a definition's version starts at 1 and grows by one on every write; a write naming an older version changes nothing (Conflict);
/// - erp_content_type_parts lists exactly the parts of every stored type, written in the same transaction as the type;
/// - a part attached to a type is not deleted (Conflict naming the types).
/// Definitions are checked by <see cref="ContentDefinitionJson"/> before they get here.
/// </summary>
public sealed class ContentDefinitionStore(IUnitOfWork unitOfWork, ContentDefinitionChecker checker, ITenantConfigurationCache configuration)
{
    private readonly Dictionary<string, Items.ContentSchema?> _schemas = new(StringComparer.OrdinalIgnoreCase);
    private bool _changing;

    private sealed record Row
    {
        public string Name { get; init; } = "";
        public string Definition { get; init; } = "";
        public long Version { get; init; }
    }

    private record Table(string Name, string Kind);

    /// <summary>A table of definitions of one kind, with how a definition becomes a row.</summary>
    private sealed record Table<T>(string Name, string Kind, Func<T, string> NameOf, Func<T, string, T> Renamed, Func<T, string> DisplayName, Func<T, JsonObject> Write)
        : Table(Name, Kind);

    private static readonly Table<ContentTypeDefinition> Types = new("erp_content_types", "content type",
        t => t.Name, (t, name) => t with { Name = name }, t => t.DisplayName, ContentDefinitionJson.Write);

    private static readonly Table<ContentPartDefinition> Parts = new("erp_content_parts", "content part",
        p => p.Name, (p, name) => p with { Name = name }, ContentDefinitionJson.PartDisplayName, ContentDefinitionJson.Write);

    public async Task<IReadOnlyList<StoredDefinition<ContentTypeDefinition>>> ListTypesAsync(CancellationToken cancellationToken) =>
        (await ListAsync(Types, cancellationToken)).Select(ToType).ToList();

    public async Task<StoredDefinition<ContentTypeDefinition>?> FindTypeAsync(string name, CancellationToken cancellationToken) =>
        await FindAsync(Types, name, cancellationToken) is { } row ? ToType(row) : null;

    /// <summary>
    /// A type with the definitions of the parts it attaches, or null when there is no such type: a copy this unit of work may keep,
    /// from the tenant's cached definitions (<see cref="ContentDefinitionSnapshot"/>), read from the database only after a change.
    /// </summary>
    public async Task<Items.ContentSchema?> SchemaAsync(string typeName, CancellationToken cancellationToken)
    {
        // One copy per unit of work (a batch of saves shares it); any definition write in this unit of work forgets it.
        if (_schemas.TryGetValue(typeName, out var known))
        {
            return known;
        }
        // A unit of work changing definitions (an import of many types) reads just the type it needs, as it now stands.
        var schema = _changing
            ? await ReadSchemaAsync(typeName, cancellationToken)
            : (await configuration.GetAsync(ContentDefinitionSnapshot.Kind, async ct =>
                new ContentDefinitionSnapshot((await ListTypesAsync(ct)).Select(t => t.Definition), (await ListPartsAsync(ct)).Select(p => p.Definition)),
                cancellationToken)).Schema(typeName);
        _schemas[typeName] = schema;
        return schema;
    }

    private async Task<Items.ContentSchema?> ReadSchemaAsync(string typeName, CancellationToken cancellationToken)
    {
        if (await FindTypeAsync(typeName, cancellationToken) is not { } type)
        {
            return null;
        }
        var rows = await unitOfWork.QueryAsync<Row>(
            """
            SELECT p.name AS Name, p.definition AS Definition, p.version AS Version FROM erp_content_parts p
            WHERE LOWER(p.name) IN (SELECT LOWER(tp.part_name) FROM erp_content_type_parts tp WHERE tp.type_name = @typeName)
            """, new { typeName = type.Definition.Name }, cancellationToken);
        var parts = rows.Select(ToPart).ToDictionary(p => p.Definition.Name, p => p.Definition, StringComparer.OrdinalIgnoreCase);
        return new Items.ContentSchema(type.Definition, parts);
    }

    public async Task<IReadOnlyList<StoredDefinition<ContentPartDefinition>>> ListPartsAsync(CancellationToken cancellationToken) =>
        (await ListAsync(Parts, cancellationToken)).Select(ToPart).ToList();

    public async Task<StoredDefinition<ContentPartDefinition>?> FindPartAsync(string name, CancellationToken cancellationToken) =>
        await FindAsync(Parts, name, cancellationToken) is { } row ? ToPart(row) : null;

    /// <summary>Adds a type; Conflict when one of that name exists.</summary>
    public async Task<Result<StoredDefinition<ContentTypeDefinition>>> CreateTypeAsync(ContentTypeDefinition type, CancellationToken cancellationToken)
    {
        if (Invalid(type) is { } invalid)
        {
            return invalid;
        }
        var created = await CreateAsync(Types, type, cancellationToken);
        if (created.Value is { } stored)
        {
            await IndexPartsAsync(stored.Definition, cancellationToken);
            await ChangedAsync([stored.Definition.Name], new Dictionary<string, string>(), cancellationToken);
        }
        return created;
    }

    /// <summary>Replaces a type, keeping its stored name; Conflict when <paramref name="expectedVersion"/> is given and is not the current one.</summary>
    public async Task<Result<StoredDefinition<ContentTypeDefinition>>> UpdateTypeAsync(
        string name, ContentTypeDefinition type, long? expectedVersion, CancellationToken cancellationToken)
    {
        if (Invalid(type) is { } invalid)
        {
            return invalid;
        }
        var before = await SignaturesAsync([name], cancellationToken);
        var updated = await UpdateAsync(Types, name, type, expectedVersion, cancellationToken);
        if (updated.Value is { } stored)
        {
            await IndexPartsAsync(stored.Definition, cancellationToken);
            await ChangedAsync([stored.Definition.Name], before, cancellationToken);
        }
        return updated;
    }

    public async Task<Result<bool>> DeleteTypeAsync(string name, CancellationToken cancellationToken)
    {
        if (await FindAsync(Types, name, cancellationToken) is not { } existing)
        {
            return Missing(Types, name);
        }
        var items = await unitOfWork.QuerySingleOrDefaultAsync<long>(
            "SELECT COUNT(*) FROM erp_content_items WHERE content_type = @name AND latest = @yes", new { name = existing.Name, yes = true }, cancellationToken);
        if (items > 0)
        {
            return Result.Conflict($"The content type '{existing.Name}' has {items} item(s); delete them first.");
        }
        await ChangingAsync(cancellationToken);
        await unitOfWork.ExecuteAsync("DELETE FROM erp_content_type_parts WHERE type_name = @name", new { name = existing.Name }, cancellationToken);
        await unitOfWork.ExecuteAsync("DELETE FROM erp_content_types WHERE name = @name", new { name = existing.Name }, cancellationToken);
        await unitOfWork.PublishAsync(new ContentDefinitionChanged([existing.Name]), cancellationToken);
        return true;
    }

    /// <summary>Adds a part; Conflict when one of that name exists.</summary>
    public async Task<Result<StoredDefinition<ContentPartDefinition>>> CreatePartAsync(ContentPartDefinition part, CancellationToken cancellationToken) =>
        Invalid(part) is { } invalid ? invalid : await CreateAsync(Parts, part, cancellationToken);

    /// <summary>Replaces a part, keeping its stored name; Conflict when <paramref name="expectedVersion"/> is given and is not the current one.</summary>
    public async Task<Result<StoredDefinition<ContentPartDefinition>>> UpdatePartAsync(
        string name, ContentPartDefinition part, long? expectedVersion, CancellationToken cancellationToken)
    {
        if (Invalid(part) is { } invalid)
        {
            return invalid;
        }
        var users = await TypesUsingPartAsync(name, cancellationToken);
        var before = await SignaturesAsync(users, cancellationToken);
        var updated = await UpdateAsync(Parts, name, part, expectedVersion, cancellationToken);
        if (updated.Value is not null && users.Count > 0)
        {
            await ChangedAsync(users, before, cancellationToken);
        }
        return updated;
    }

    /// <summary>Deletes a part no type attaches; Conflict naming the types otherwise.</summary>
    public async Task<Result<bool>> DeletePartAsync(string name, CancellationToken cancellationToken)
    {
        if (await FindAsync(Parts, name, cancellationToken) is not { } existing)
        {
            return Missing(Parts, name);
        }
        var users = await TypesUsingPartAsync(existing.Name, cancellationToken);
        if (users.Count > 0)
        {
            return Result.Conflict(
                $"The content part '{existing.Name}' is used by the content types {string.Join(", ", users.Select(u => $"'{u}'"))}; remove it from them first.");
        }
        await ChangingAsync(cancellationToken);
        await unitOfWork.ExecuteAsync("DELETE FROM erp_content_parts WHERE name = @name", new { name = existing.Name }, cancellationToken);
        return true;
    }

    /// <summary>The names of the types that attach the part, in order.</summary>
    public async Task<IReadOnlyList<string>> TypesUsingPartAsync(string partName, CancellationToken cancellationToken) =>
        (await unitOfWork.QueryAsync<string>("SELECT DISTINCT type_name FROM erp_content_type_parts WHERE LOWER(part_name) = LOWER(@partName)",
            new { partName }, cancellationToken)).Order(StringComparer.Ordinal).ToList();

    /// <summary>Creates or replaces every definition given, parts first (the caller's unit of work makes it one transaction).</summary>
    public async Task<ContentDefinitionImportCounts> ImportAsync(
        IReadOnlyList<ContentTypeDefinition> types, IReadOnlyList<ContentPartDefinition> parts, CancellationToken cancellationToken)
    {
        foreach (var part in parts)
        {
            var done = await FindAsync(Parts, part.Name, cancellationToken) is null
                ? await CreatePartAsync(part, cancellationToken)
                : await UpdatePartAsync(part.Name, part, null, cancellationToken);
            ThrowIfFailed(done);
        }
        foreach (var type in types)
        {
            var done = await FindAsync(Types, type.Name, cancellationToken) is null
                ? await CreateTypeAsync(type, cancellationToken)
                : await UpdateTypeAsync(type.Name, type, null, cancellationToken);
            ThrowIfFailed(done);
        }
        return new ContentDefinitionImportCounts(types.Count, parts.Count);
    }

    private Failure? Invalid(ContentTypeDefinition type)
    {
        var errors = new Dictionary<string, string>();
        checker.Check(type, "", errors);
        return errors.Count > 0 ? Result.Invalid(errors) : null;
    }

    private Failure? Invalid(ContentPartDefinition part)
    {
        var errors = new Dictionary<string, string>();
        checker.Check(part, "", errors);
        return errors.Count > 0 ? Result.Invalid(errors) : null;
    }

    private async Task<IReadOnlyDictionary<string, string>> SignaturesAsync(IReadOnlyList<string> typeNames, CancellationToken cancellationToken)
    {
        var signatures = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var typeName in typeNames)
        {
            signatures[typeName] = Items.ContentFieldIndexRebuilder.Signature(await SchemaAsync(typeName, cancellationToken));
        }
        return signatures;
    }

    /// <summary>Tells handlers which types changed, and has the field index rebuilt for those whose queryable fields changed.</summary>
    private async Task ChangedAsync(IReadOnlyList<string> typeNames, IReadOnlyDictionary<string, string> before, CancellationToken cancellationToken)
    {
        await unitOfWork.PublishAsync(new ContentDefinitionChanged(typeNames), cancellationToken);
        var after = await SignaturesAsync(typeNames, cancellationToken);
        var outdated = typeNames.Where(t => after[t] != before.GetValueOrDefault(t, "")).ToList();
        if (outdated.Count > 0)
        {
            await unitOfWork.PublishAsync(new Items.ContentFieldIndexOutdated(outdated), cancellationToken);
        }
    }

    private static void ThrowIfFailed<T>(Result<T> result)
    {
        // Cannot happen inside one transaction with no expected version: a failure here is a bug, not a user's error.
        if (result.Failure is { } failure)
        {
            throw new InvalidOperationException(failure.Detail);
        }
    }

    /// <summary>Every row, ordered by name the same way on every engine (collations differ).</summary>
    private async Task<IReadOnlyList<Row>> ListAsync(Table table, CancellationToken cancellationToken) =>
        (await unitOfWork.QueryAsync<Row>($"SELECT name AS Name, definition AS Definition, version AS Version FROM {table.Name}", null, cancellationToken))
            .OrderBy(r => r.Name, StringComparer.Ordinal).ToList();

    private Task<Row?> FindAsync(Table table, string name, CancellationToken cancellationToken) =>
        unitOfWork.QuerySingleOrDefaultAsync<Row>(
            $"SELECT name AS Name, definition AS Definition, version AS Version FROM {table.Name} WHERE LOWER(name) = LOWER(@name)",
            new { name }, cancellationToken);

    private async Task<Result<StoredDefinition<T>>> CreateAsync<T>(Table<T> table, T definition, CancellationToken cancellationToken)
    {
        if (await FindAsync(table, table.NameOf(definition), cancellationToken) is { } existing)
        {
            return Taken(table, existing.Name);
        }
        await ChangingAsync(cancellationToken);
        await unitOfWork.ExecuteAsync($"INSERT INTO {table.Name} (name, display_name, definition, version) VALUES (@name, @displayName, @definition, 1)",
            new { name = table.NameOf(definition), displayName = table.DisplayName(definition), definition = table.Write(definition).ToJsonString() },
            cancellationToken);
        return new StoredDefinition<T>(definition, 1);
    }

    private async Task<Result<StoredDefinition<T>>> UpdateAsync<T>(Table<T> table, string name, T definition, long? expectedVersion, CancellationToken cancellationToken)
    {
        if (await FindAsync(table, name, cancellationToken) is not { } existing)
        {
            return Missing(table, name);
        }
        if (expectedVersion is { } expected && expected != existing.Version)
        {
            return Stale(table, existing.Name);
        }
        definition = table.Renamed(definition, existing.Name);
        await ChangingAsync(cancellationToken);
        // The version in the WHERE clause also refuses a write that raced this one since it was read.
        var changed = await unitOfWork.ExecuteAsync(
            $"UPDATE {table.Name} SET display_name = @displayName, definition = @definition, version = version + 1 WHERE name = @name AND version = @version",
            new { name = existing.Name, displayName = table.DisplayName(definition), definition = table.Write(definition).ToJsonString(), version = existing.Version },
            cancellationToken);
        return changed == 1 ? new StoredDefinition<T>(definition, existing.Version + 1) : Stale(table, existing.Name);
    }

    /// <summary>Before a definition's first write: forget this unit of work's copies, and invalidate the tenant's cached definitions with the change.</summary>
    private async Task ChangingAsync(CancellationToken cancellationToken)
    {
        _schemas.Clear();
        _changing = true;
        await configuration.InvalidateAsync(ContentDefinitionSnapshot.Kind, cancellationToken);
    }

    private async Task IndexPartsAsync(ContentTypeDefinition type, CancellationToken cancellationToken)
    {
        var typeName = type.Name;
        await unitOfWork.ExecuteAsync("DELETE FROM erp_content_type_parts WHERE type_name = @typeName", new { typeName }, cancellationToken);
        foreach (var part in type.Parts)
        {
            await unitOfWork.ExecuteAsync("INSERT INTO erp_content_type_parts (type_name, name, part_name) VALUES (@typeName, @name, @partName)",
                new { typeName, name = part.Name, partName = part.PartName }, cancellationToken);
        }
    }

    private static StoredDefinition<ContentTypeDefinition> ToType(Row row) => new(Parse(row, ContentDefinitionJson.ReadType), row.Version);

    private static StoredDefinition<ContentPartDefinition> ToPart(Row row) => new(Parse(row, ContentDefinitionJson.ReadPart), row.Version);

    private static T Parse<T>(Row row, Func<JsonNode?, string, IDictionary<string, string>, T?> read) where T : class
    {
        var errors = new Dictionary<string, string>();
        return read(JsonNode.Parse(row.Definition), "", errors)
            ?? throw new InvalidOperationException($"The stored definition '{row.Name}' does not read back: {string.Join(" ", errors.Values)}");
    }

    private static Failure Taken(Table table, string name) => Result.Conflict($"There is already a {table.Kind} named '{name}'.", "Name");

    private static Failure Missing(Table table, string name) => Result.NotFound($"There is no {table.Kind} '{name}'.");

    private static Failure Stale(Table table, string name) =>
        Result.Conflict($"The {table.Kind} '{name}' was changed since it was read (If-Match is stale); read it again and retry.");
}
