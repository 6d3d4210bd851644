namespace ErpCrm.Leads.Services;

/// <summary>The words of a lead that is not there, the same whichever service answers it.</summary>
public static class LeadResults
{
    /// <summary>A lead that does not exist, or that the caller may not view.</summary>
    public static Failure NotFound(string id) => Result.NotFound(NotFoundMessage(id));

    /// <summary>What a lead that does not exist, or that the caller may not view, answers.</summary>
    public static string NotFoundMessage(string id) => $"There is no lead '{id}'.";
}
