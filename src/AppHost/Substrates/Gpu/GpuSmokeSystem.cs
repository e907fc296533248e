using PlatformValidation.AppHost.Composition;
using PlatformValidation.AppHost.Resources.ArgoCd;
using PlatformValidation.AppHost.Resources.Cluster;
using PlatformValidation.AppHost.Resources.Lifecycle;
using PlatformValidation.AppHost.Resources.RunView;
using PlatformValidation.AppHost.Resources.ScenarioRunner;

namespace PlatformValidation.AppHost.Substrates.Gpu;

/// <summary>
/// The AppHost of <c>smoke --gpu</c>: the real GPU cluster reached through <c>PV_GPU_KUBECONFIG</c>, the Argo CD
/// found there (never installed), and the runner of the <c>gpu-smoke</c> suite with its run view — the same kinds of
/// resources a <c>matrix</c> shows on the dashboard, without a fake LLM or git server (the cluster runs the real model
/// server and reads the real remote). The suite scales the model server back to zero however the run ends.
/// </summary>
public static class GpuSmokeSystem
{
    /// <summary>The cluster resource's name on the dashboard.</summary>
    public const string Cluster = "gpu-cluster";

    /// <summary>Composes it on a fresh Aspire builder (DCP; the dashboard unless headless).</summary>
    public static HarnessApp Compose(RunOptions options, string kubeconfig, string argoCdNamespace)
    {
        ArgumentNullException.ThrowIfNull(options);
        var builder = HarnessHost.CreateBuilder(options);
        Compose(builder, options, kubeconfig, argoCdNamespace);
        return new HarnessApp(builder.Build(), options.KeepScratchDirectory, HarnessHost.DashboardLoginUrl(builder));
    }

    /// <summary>gpu-cluster → argocd (found) → runner (gpu-smoke) + its run view.</summary>
    public static IResourceBuilder<ScenarioRunnerResource> Compose(IDistributedApplicationBuilder builder, RunOptions options, string kubeconfig, string argoCdNamespace)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrEmpty(kubeconfig);
        ArgumentException.ThrowIfNullOrEmpty(argoCdNamespace);
        var cluster = builder.AddHarnessResource(new KubeconfigClusterResource(Cluster, kubeconfig, context: null))
            .WithApiHealthCheck()
            .WithStartupTimeout(TimeSpan.FromSeconds(30));
        var found = new ArgoCdInstallResource("argocd", cluster.Resource, argoCdNamespace)
        {
            InstallIfMissing = false,
            MissingHint = "smoke --gpu never installs Argo CD: point PV_GPU_KUBECONFIG at the cluster whose Argo CD manages the model server.",
        };
        var argo = builder.AddHarnessResource(found)
            .WaitFor(cluster)
            .WithHealthCheck("found", _ => Task.FromResult(found.Ready))
            .WithStartupTimeout(TimeSpan.FromSeconds(60));
        var runner = builder.AddScenarioRunner("runner", options.Scenario, cluster.Resource.SubstrateName)
            .WaitFor(argo)
            .WithSubstrate(() => new SubstrateView(cluster.Resource, found, git: null))
            .WithSuites(options.Suites);
        foreach (var observer in options.Observers)
        {
            runner.WithObserver(observer);
        }

        builder.AddRunView("run-view", options.DashboardPort).WithRun(runner);
        return runner;
    }
}
