using Aspire.Hosting.ApplicationModel;
using PlatformValidation.AppHost.Cli;
using PlatformValidation.AppHost.Composition;
using PlatformValidation.AppHost.Resources.ArgoCd;
using PlatformValidation.AppHost.Resources.Cluster;
using PlatformValidation.AppHost.Resources.Lifecycle;
using PlatformValidation.AppHost.Resources.RunView;
using PlatformValidation.AppHost.Substrates.Gpu;
using PlatformValidation.Validators.Live.Scenario;
using PlatformValidation.Validators.Live.Suites;

namespace PlatformValidation.AppHost.Tests.Substrates;

/// <summary><c>smoke --gpu</c> is composed as an AppHost: the GPU cluster, its Argo CD (found, never installed), the runner and its run view.</summary>
public sealed class GpuSmokeSystemTests
{
    [Test]
    public void TheGpuClusterItsArgoCdAndTheSmokeRunnerAreResourcesOfTheAppHost()
    {
        var scenario = LiveScenarioFactory.Load(ScenarioLocator.FindBundled()!);
        var suites = new[] { new SuiteDefinition(SuiteKinds.GpuSmoke, SuiteKinds.GpuSmoke) };
        var options = new RunOptions(scenario, SubstrateKind.Kubeconfig) { Suites = suites };
        var builder = HarnessHost.CreateBuilder(options);
        var runner = GpuSmokeSystem.Compose(builder, options, "/tmp/gpu.kubeconfig", "gitops");
        var resources = builder.Resources.OfType<HarnessResource>().ToDictionary(r => r.Name);
        Assert.Multiple(() =>
        {
            Assert.That(resources.Keys, Is.EquivalentTo(new[] { GpuSmokeSystem.Cluster, "argocd", "runner", "run-view" }), "no fake LLM or git server: the GPU cluster runs the real model server");
            var cluster = (KubeconfigClusterResource)resources[GpuSmokeSystem.Cluster];
            Assert.That(cluster.KubeconfigPath, Is.EqualTo("/tmp/gpu.kubeconfig"));
            var argo = (ArgoCdInstallResource)resources["argocd"];
            Assert.That(argo.InstallIfMissing, Is.False, "Argo CD on the GPU cluster is found, never installed");
            Assert.That(argo.Namespace, Is.EqualTo("gitops"));
            Assert.That(argo.MissingHint, Does.Contain("smoke --gpu never installs Argo CD").And.Contain("PV_GPU_KUBECONFIG"));
            Assert.That(runner.Resource.Suites, Is.EqualTo(suites));
            Assert.That(runner.Resource.View, Is.SameAs(resources["run-view"] as RunViewResource));
            Assert.That(WaitsFor(runner.Resource), Does.Contain("argocd"));
            Assert.That(WaitsFor(argo), Does.Contain(GpuSmokeSystem.Cluster));
        });
    }

    private static IEnumerable<string> WaitsFor(IResource resource) =>
        resource.TryGetAnnotationsOfType<WaitAnnotation>(out var waits) ? waits.Select(w => w.Resource.Name) : [];
}
