namespace ErpCrm.Core.Identity;

/// <summary>The authentication schemes of the host.</summary>
public static class SignInSchemes
{
    /// <summary>Chooses the bearer token when the request has one, else the tenant's cookie.</summary>
    public const string Default = "ErpCrm";
}
