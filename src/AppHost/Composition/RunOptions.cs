using PlatformValidation.Validators.Live.Runner;
using PlatformValidation.Validators.Live.Scenario;
using PlatformValidation.Validators.Live.Suites;

namespace PlatformValidation.AppHost.Composition;

/// <summary>What a live command asks the AppHost for: the scenario, the substrate and how to run it.</summary>
public sealed record RunOptions(LiveScenario Scenario, SubstrateKind Substrate)
{
    /// <summary>The suites to run (null: the scenario's).</summary>
    public IReadOnlyList<SuiteDefinition>? Suites { get; init; }

    /// <summary>kubeconfig substrate: the cluster's kubeconfig (and context).</summary>
    public string? Kubeconfig { get; init; }

    public string? KubeconfigContext { get; init; }

    /// <summary>k3s / kubeconfig substrates: a local copy of Argo CD's install manifest (air-gapped use).</summary>
    public string? ArgoCdManifest { get; init; }

    /// <summary>kubeconfig substrate: install Argo CD when the cluster has none.</summary>
    public bool InstallArgoCd { get; init; }

    /// <summary>The run view's port on 127.0.0.1 (0: any free port).</summary>
    public int DashboardPort { get; init; }

    /// <summary>Start the Aspire Dashboard (a terminal run); false: headless (CI, tests).</summary>
    public bool AspireDashboard { get; init; }

    /// <summary>The Aspire Dashboard's port on 127.0.0.1 (0: any free port).</summary>
    public int AspireDashboardPort { get; init; }

    /// <summary>sim: the fraction of API calls answered 500/429 (reliability runs), and the seed.</summary>
    public double ApiFaultRate { get; init; }

    public int? Seed { get; init; }

    /// <summary>sim: serve the repo over smart HTTP and have the simulated repo-server fetch it (<c>--git smart-http</c>).</summary>
    public bool SimGitOverHttp { get; init; }

    /// <summary>Extra progress observers (console, tests).</summary>
    public IReadOnlyList<IRunObserver> Observers { get; init; } = [];

    /// <summary>The static path for the <c>static</c> suite.</summary>
    public IStaticAnalysis? StaticAnalysis { get; init; }

    /// <summary>Where the run's files go (kubeconfig, repo snapshot); default a fresh temp directory.</summary>
    public string? ScratchDirectory { get; init; }

    /// <summary>Keep the scratch directory after the run (reproduce).</summary>
    public bool KeepScratchDirectory { get; init; }
}

/// <summary>Where a live run happens.</summary>
public enum SubstrateKind
{
    Sim,
    K3s,
    Kubeconfig,
}
