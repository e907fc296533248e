using PlatformValidation.AppHost.Cli;
using PlatformValidation.AppHost.Composition;
using PlatformValidation.Validators.Live.Scenario;

namespace PlatformValidation.AppHost.Tests.Lifecycle;

/// <summary>
/// The Aspire Dashboard's title and header show the application name it reads from <c>AppHost:DashboardApplicationName</c>
/// (upstream: dotnet/aspire src/Aspire.Hosting/Dashboard/DashboardService.cs), which defaults to the entry assembly's
/// name — "testhost" under a test runner. The harness names it after the product, whoever the entry assembly is.
/// </summary>
public sealed class DashboardNameTests
{
    [Test]
    public void TheDashboardShowsTheProductNameWhateverTheEntryAssembly()
    {
        var options = new RunOptions(LiveScenarioFactory.Load(ScenarioLocator.FindBundled()!), SubstrateKind.Sim) { AspireDashboard = true };

        var builder = HarnessHost.CreateBuilder(options);

        Assert.That(builder.Environment.ApplicationName, Is.Not.EqualTo(HarnessHost.ApplicationName), "the entry assembly here is the test host");
        Assert.That(builder.Configuration["AppHost:DashboardApplicationName"], Is.EqualTo("PlatformValidation"));
    }
}
