namespace ErpCrm.Core.Content.Fields;

/// <summary>
/// <c>UserPickerField</c>: <c>{"UserIds": ["…"]}</c>; each id must name a user of the tenant. Settings
/// <c>UserPickerFieldSettings</c>: Required, Hint, Multiple (Orchard's DisplayAllUsers and DisplayedRoles are kept but not used).
/// Orchard's companion <c>UserNames</c> property is kept as it came.
/// </summary>
internal sealed class UserPickerFieldType : IdListFieldType
{
    public override string Name => "UserPickerField";

    public override string DisplayName => "User picker";

    protected override string Property => "UserIds";

    protected override string Thing => "user";

    protected override async ValueTask<string?> CheckAsync(FieldInput input, string id) =>
        await input.Context.References.UserExistsAsync(id, input.CancellationToken) ? null : $"points to a user that does not exist ('{id}')";
}
