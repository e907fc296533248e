using PlatformValidation.AppHost;
using PlatformValidation.AppHost.Cli;
using PlatformValidation.AppHost.Composition;
using PlatformValidation.AppHost.Reports;
using PlatformValidation.AppHost.Resources.ScenarioRunner;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Reports.Html;
using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Live.Scenario;
using PlatformValidation.Validators.Live.Suites;

namespace PlatformValidation.Tests.Reports;

/// <summary>
/// A real failing run: the bundled sample, copied, with one workload pinned to a node pool the cluster does not have
/// (<c>cloud.google.com/gke-nodepool</c> on the keda operator, as a repo written for GKE would be), run by the AppHost
/// composition in-process on the sim substrate (static suite, then profile-matrix for platform with a short healthy
/// timeout). The app never becomes healthy, so apps-healthy fails and its diagnostics are collected.
/// </summary>
public static class FailingSimRun
{
    public const string App = "keda";
    public const string Profile = "platform";

    public static async Task<(RunReport Report, IReadOnlyList<HostResourceView> Resources)> RunAsync(string workDirectory, CancellationToken cancellationToken = default)
    {
        var bundled = ScenarioLocator.FindBundled() ?? throw new InvalidOperationException($"{ScenarioLocator.Bundled} not found above {AppContext.BaseDirectory}.");
        var source = Path.GetDirectoryName(bundled)!;
        if (Directory.Exists(workDirectory))
        {
            Directory.Delete(workDirectory, recursive: true);
        }

        Copy(Path.Combine(source, "sample-platform"), Path.Combine(workDirectory, "sample-platform"));
        File.Copy(bundled, Path.Combine(workDirectory, "sample.yaml"));
        var operatorFile = Path.Combine(workDirectory, "sample-platform", "platform", "keda", "operator.yaml");
        var text = await File.ReadAllTextAsync(operatorFile, cancellationToken);
        const string anchor = "      serviceAccountName: keda-operator\n";
        if (!text.Contains(anchor, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{operatorFile} changed: the fault cannot be planted after '{anchor.Trim()}'.");
        }

        await File.WriteAllTextAsync(operatorFile, text.Replace(anchor, anchor + "      nodeSelector:\n        cloud.google.com/gke-nodepool: system-pool\n", StringComparison.Ordinal), cancellationToken);

        var scenario = LiveScenarioFactory.Load(Path.Combine(workDirectory, "sample.yaml"));
        IReadOnlyList<SuiteDefinition> suites =
        [
            new(SuiteKinds.Static, SuiteKinds.Static),
            new(SuiteKinds.ProfileMatrix, SuiteKinds.ProfileMatrix)
            {
                Profiles = [Profile],
                Timeouts = new Dictionary<string, TimeSpan> { ["healthy"] = TestTimeouts.Scale(TimeSpan.FromSeconds(15)) },
            },
        ];
        await using var app = PlatformSystem.Compose(new RunOptions(scenario, SubstrateKind.Sim) { Suites = suites, StaticAnalysis = new StaticValidatorAnalysis() });
        IReadOnlyList<HostResourceView> resources = [];
        var report = await app.RunAsync(
            async (a, token) =>
            {
                var result = await a.Resource<ScenarioRunnerResource>("runner").RunAsync(token);
                resources = HtmlRunReportWriter.Snapshot(a.Resources);
                return result;
            },
            cancellationToken);
        return (report, resources);
    }

    private static void Copy(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var file in Directory.EnumerateFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (var dir in Directory.EnumerateDirectories(from))
        {
            Copy(dir, Path.Combine(to, Path.GetFileName(dir)));
        }
    }
}
