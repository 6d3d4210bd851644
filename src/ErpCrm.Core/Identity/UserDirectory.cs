using System.Globalization;
using ErpCrm.Data;
using ErpCrm.Security;

namespace ErpCrm.Core.Identity;

/// <summary><see cref="IUserDirectory"/> over the tenant's user tables.</summary>
internal sealed class UserDirectory(IUnitOfWork unitOfWork) : IUserDirectory
{
    private sealed class UserRow
    {
        public long Id { get; init; }
        public string UserName { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public bool Enabled { get; init; }
    }

    public async Task<IReadOnlyList<string>> EnabledUserIdsInRoleAsync(string role, CancellationToken cancellationToken) =>
        (await unitOfWork.QueryAsync<long>(
            """
            SELECT u.id FROM erp_users u JOIN erp_user_roles r ON r.user_id = u.id
            WHERE UPPER(r.role_name) = @role AND u.enabled = @yes ORDER BY u.id
            """, new { role = role.Trim().ToUpperInvariant(), yes = true }, cancellationToken))
        .Select(id => id.ToString(CultureInfo.InvariantCulture)).ToList();

    public async Task<string?> FindEnabledUserIdAsync(string userName, CancellationToken cancellationToken) =>
        (await unitOfWork.QueryAsync<long>("SELECT id FROM erp_users WHERE normalized_user_name = @name AND enabled = @yes",
            new { name = userName.Trim().ToUpperInvariant(), yes = true }, cancellationToken))
        .Select(id => id.ToString(CultureInfo.InvariantCulture)).FirstOrDefault();

    public async Task<IReadOnlyList<DirectoryUser>> FindUsersAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var numbers = ids.Select(id => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : (long?)null)
            .OfType<long>().Distinct().ToList();
        if (numbers.Count == 0)
        {
            return [];
        }
        var parameters = new Dapper.DynamicParameters();
        for (var i = 0; i < numbers.Count; i++)
        {
            parameters.Add("p" + i.ToString(CultureInfo.InvariantCulture), numbers[i]);
        }
        var rows = await unitOfWork.QueryAsync<UserRow>(
            $"SELECT id AS Id, user_name AS UserName, display_name AS DisplayName, enabled AS Enabled FROM erp_users WHERE id IN ({string.Join(", ", numbers.Select((_, i) => "@p" + i.ToString(CultureInfo.InvariantCulture)))})",
            parameters, cancellationToken);
        return rows.Select(r => new DirectoryUser(r.Id.ToString(CultureInfo.InvariantCulture), r.UserName, r.DisplayName, r.Enabled)).ToList();
    }

    public async Task<IReadOnlyList<DirectoryUser>> ListAsync(CancellationToken cancellationToken) =>
        (await unitOfWork.QueryAsync<UserRow>(
            "SELECT id AS Id, user_name AS UserName, display_name AS DisplayName, enabled AS Enabled FROM erp_users ORDER BY display_name, id", null, cancellationToken))
        .Select(u => new DirectoryUser(u.Id.ToString(CultureInfo.InvariantCulture), u.UserName, u.DisplayName, u.Enabled)).ToList();
}
