using PlatformValidation.AppHost.Cli;

namespace PlatformValidation.AppHost.Tests.Cli;

/// <summary><c>sim-cluster --argocd-customizations DIR</c>: bad input is refused before anything starts.</summary>
public sealed class SimClusterCustomizationsTests
{
    [Test]
    public async Task CustomizationsWithoutArgoCdExitTwo()
    {
        var result = await CliRunner.RunAsync("sim-cluster", "--argocd-customizations", Path.GetTempPath());
        Assert.That(result.ExitCode, Is.EqualTo(CommandCatalog.CouldNotRun), result.ToString());
        Assert.That(result.Stderr, Does.Contain("need --argocd"));
    }

    [Test]
    public async Task AFolderWithoutHealthScriptsExitsTwoSayingWhatToPass()
    {
        var empty = Directory.CreateTempSubdirectory("no-customizations-").FullName;
        try
        {
            var result = await CliRunner.RunAsync("sim-cluster", "--argocd", "--argocd-customizations", empty);
            Assert.That(result.ExitCode, Is.EqualTo(CommandCatalog.CouldNotRun), result.ToString());
            Assert.That(result.Stderr, Does.Contain("resource_customizations folder of an argo-cd checkout"));
            Assert.That(result.Stdout, Does.Not.Contain("listening"), "nothing started");
        }
        finally
        {
            Directory.Delete(empty);
        }
    }
}
