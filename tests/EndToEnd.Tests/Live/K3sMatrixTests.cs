using System.Diagnostics;
using PlatformValidation.AppHost;
using PlatformValidation.AppHost.Composition;
using PlatformValidation.AppHost.Resources;
using PlatformValidation.AppHost.Resources.ScenarioRunner;
using PlatformValidation.Tests;
using PlatformValidation.Validators.Live.Reports;

namespace PlatformValidation.EndToEnd.Tests.Live;

/// <summary>The matrix on the k3s substrate: real Argo CD. Needs Docker and the k3s and Argo CD images.</summary>
[Category(TestCategories.Docker)]
[Category(TestCategories.Slow)]
[CancelAfter(3_600_000)]
public sealed class K3sMatrixTests
{
    [Test]
    public async Task TheProfileMatrixPassesOnK3sWithRealArgoCd()
    {
        var missing = await MissingPrerequisiteAsync();
        if (missing is not null)
        {
            Assert.Ignore(missing);
        }

        var scenario = SimScenario.Load();
        await using var app = PlatformSystem.Compose(new RunOptions(scenario, SubstrateKind.K3s)
        {
            Suites = [new Validators.Live.Suites.SuiteDefinition("profile-matrix", "profile-matrix")],
            ArgoCdManifest = Environment.GetEnvironmentVariable("PV_ARGOCD_MANIFEST"),
        });
        var report = await app.RunAsync((a, token) => a.Resource<ScenarioRunnerResource>("runner").RunAsync(token));
        Assert.That(report.Substrate, Is.EqualTo("k3s"));
        Assert.That(report.Outcome, Is.EqualTo(RunOutcome.Passed), string.Join("\n", report.Checks.Where(c => c.Outcome == CheckOutcome.Failed).Select(c => c.Message)));
    }

    /// <summary>Why the k3s matrix cannot run here, or null when it can.</summary>
    private static async Task<string?> MissingPrerequisiteAsync()
    {
        if (await Docker("info") != 0)
        {
            return "No Docker engine answers (docker info failed): start dockerd to run the k3s matrix.";
        }

        if (await Docker("image", "inspect", ImageTags.K3s) != 0)
        {
            return $"The image {ImageTags.K3s} is not available locally and no registry is reachable here: `docker pull {ImageTags.K3s}` on a connected machine (and the Argo CD {ImageTags.ArgoCdVersion} images) to run the k3s matrix.";
        }

        return null;
    }

    private static async Task<int> Docker(params string[] args)
    {
        try
        {
            var psi = new ProcessStartInfo("docker") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in args)
            {
                psi.ArgumentList.Add(a);
            }

            using var p = Process.Start(psi)!;
            await p.StandardOutput.ReadToEndAsync();
            await p.StandardError.ReadToEndAsync();
            await p.WaitForExitAsync();
            return p.ExitCode;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return -1;
        }
    }
}
