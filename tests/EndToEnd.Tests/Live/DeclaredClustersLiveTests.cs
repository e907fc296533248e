using PlatformValidation.AppHost;
using PlatformValidation.AppHost.Composition;
using PlatformValidation.AppHost.Resources.ScenarioRunner;
using PlatformValidation.Tests;
using PlatformValidation.Validators.Live.Checks;
using PlatformValidation.Validators.Live.Reports;
using PlatformValidation.Validators.Live.Scenario;
using PlatformValidation.Validators.Live.Suites;

namespace PlatformValidation.EndToEnd.Tests.Live;

/// <summary>
/// A scenario's <c>clusters:</c> on the sim substrate: the simulated Argo CD holds them as cluster Secrets, so an
/// ApplicationSet whose clusters generator selects by label generates on the live cluster the Application validate
/// expanded statically (without the Secret it would generate nothing, and apps-healthy would miss the app).
/// </summary>
[Category(TestCategories.Slow)]
[Parallelizable]
[CancelAfter(180_000)]
public sealed class DeclaredClustersLiveTests
{
    [Test]
    public async Task AnApplicationSetSelectingADeclaredClusterDeploysItsApplicationOnSim(CancellationToken cancellationToken)
    {
        var root = Directory.CreateTempSubdirectory("pv-clusters-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "repo", "roots"));
            Directory.CreateDirectory(Path.Combine(root, "repo", "fleet"));
            await File.WriteAllTextAsync(Path.Combine(root, "repo", "roots", "fleet.yaml"), """
                apiVersion: argoproj.io/v1alpha1
                kind: ApplicationSet
                metadata: {name: fleet, namespace: argocd}
                spec:
                  generators:
                    - clusters:
                        selector: {matchLabels: {env: prod}}
                  template:
                    metadata: {name: 'fleet-{{name}}'}
                    spec:
                      project: default
                      source: {repoURL: https://github.com/example/fleet.git, targetRevision: HEAD, path: fleet}
                      destination: {server: '{{server}}', namespace: 'fleet-{{metadata.labels.env}}'}
                      syncPolicy: {automated: {}, syncOptions: [CreateNamespace=true]}
                """, cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(root, "repo", "fleet", "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: fleet}\ndata: {a: b}\n", cancellationToken);
            var scenarioFile = Path.Combine(root, "scenario.yaml");
            await File.WriteAllTextAsync(scenarioFile, """
                apiVersion: platformvalidation.io/v1alpha1
                kind: Scenario
                name: fleet
                repo: {path: repo, urls: [https://github.com/example/fleet.git]}
                layers:
                  - {name: fleet, manifests: [roots/fleet.yaml]}
                profiles:
                  fleet: [fleet]
                clusters:
                  - name: hub
                    server: https://kubernetes.default.svc
                    labels: {env: prod}
                """, cancellationToken);
            var scenario = LiveScenarioFactory.Load(scenarioFile);
            await using var system = PlatformSystem.Compose(new RunOptions(scenario, SubstrateKind.Sim)
            {
                Suites = [new SuiteDefinition("profile-matrix", SuiteKinds.ProfileMatrix) { Profiles = ["fleet"] }],
            });

            var report = await system.RunAsync((a, token) => a.Resource<ScenarioRunnerResource>("runner").RunAsync(token), cancellationToken);

            var healthy = report.Checks.Where(c => c.Check == LiveChecks.AppsHealthy).ToList();
            Assert.That(report.Outcome, Is.EqualTo(RunOutcome.Passed), string.Join("\n", report.Checks.Select(c => $"{c.Check} {c.Outcome}: {c.Message}")));
            Assert.That(healthy.Select(c => c.Message), Has.Some.Contains("fleet-hub"), "the Application generated for the declared cluster is live and healthy");
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
