using ErpCrm.Data;
using ErpCrm.Testing;

namespace ErpCrm.Leads.Tests;

/// <summary>
/// A fresh tenant with Leads on and <see cref="Anonymous"/>, a client without credentials, as a visitor's web form posts captures.
/// The capture limit is set high: it has its own tests.
/// </summary>
public abstract class LeadCaptureTests(DatabaseProvider provider)
    : SetUpHostTests(provider, configuration: new Dictionary<string, string> { ["ErpCrm:Leads:Capture:PermitLimit"] = "1000" })
{
    protected HttpClient Anonymous { get; private set; } = null!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        await Admin.EnableFeaturesAsync(LeadsClient.Feature);
        Anonymous = Host.CreateClient();
    }
}
