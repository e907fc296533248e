using System.CommandLine;
using PlatformValidation.AppHost.Composition;

namespace PlatformValidation.AppHost.Cli;

/// <summary>The options every live command shares (scenario, substrate and its settings, report files, dashboard port).</summary>
public sealed class LiveOptions
{
    public Option<string?> Scenario { get; } = new("--scenario") { Description = "Scenario file (default: scenarios/sample.yaml of this repository)." };

    public Option<string?> Repo { get; } = new("--repo") { Description = "Run the scenario over this checkout of the platform repo instead of its repo.path." };

    public Option<string> Substrate { get; } = new("--substrate") { Description = "Where to run: sim (embedded, default), k3s (Docker), kubeconfig (an existing cluster).", DefaultValueFactory = _ => "sim" };

    public Option<string?> Kubeconfig { get; } = new("--kubeconfig") { Description = "kubeconfig substrate: the cluster's kubeconfig (default $KUBECONFIG or ~/.kube/config)." };

    public Option<string?> Context { get; } = new("--context") { Description = "kubeconfig substrate: the kubeconfig context." };

    public Option<string?> ArgoCdManifest { get; } = new("--argocd-manifest") { Description = "k3s/kubeconfig: a local copy of Argo CD's pinned install.yaml (air-gapped use; its SHA-256 is checked)." };

    public Option<bool> InstallArgoCd { get; } = new("--install-argocd") { Description = "kubeconfig substrate: install Argo CD when the cluster has none." };

    public Option<string> Git { get; } = new("--git") { Description = "sim substrate: how the simulated repo-server reads the served repo: local (the directory, default) or smart-http (cloned and fetched over git's smart HTTP protocol, as Argo CD reads the in-cluster server on k3s).", DefaultValueFactory = _ => "local" };

    public Option<string?> JUnit { get; } = new("--junit") { Description = "Write a JUnit XML report to FILE." };

    public Option<string?> Json { get; } = new("--json") { Description = "Write a JSON report to FILE." };

    public Option<string?> Html { get; } = new("--html") { Description = "Write a self-contained HTML report to FILE." };

    public Option<int> DashboardPort { get; } = new("--dashboard-port") { Description = "Port of the run view and /metrics on 127.0.0.1 (0: any free port).", DefaultValueFactory = _ => 0 };

    public Option<string> Dashboard { get; } = new("--dashboard") { Description = "The Aspire Dashboard: auto (on in a terminal, off when output is redirected or CI is set), on, off.", DefaultValueFactory = _ => "auto" };

    public void AddTo(Command command, bool reports = true)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Scenario);
        command.Options.Add(Repo);
        command.Options.Add(Substrate);
        command.Options.Add(Kubeconfig);
        command.Options.Add(Context);
        command.Options.Add(ArgoCdManifest);
        command.Options.Add(InstallArgoCd);
        command.Options.Add(Git);
        if (reports)
        {
            command.Options.Add(JUnit);
            command.Options.Add(Json);
            command.Options.Add(Html);
        }

        command.Options.Add(DashboardPort);
        command.Options.Add(Dashboard);
        Substrate.AcceptOnlyFromAmong("sim", "k3s", "kubeconfig");
        Dashboard.AcceptOnlyFromAmong("auto", "on", "off");
        Git.AcceptOnlyFromAmong("local", "smart-http");
    }

    public LiveInvocation Read(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return new LiveInvocation(
            parse.GetValue(Scenario),
            parse.GetValue(Substrate) switch { "k3s" => SubstrateKind.K3s, "kubeconfig" => SubstrateKind.Kubeconfig, _ => SubstrateKind.Sim },
            parse.GetValue(Kubeconfig),
            parse.GetValue(Context),
            parse.GetValue(ArgoCdManifest),
            parse.GetValue(InstallArgoCd),
            parse.GetValue(JUnit),
            parse.GetValue(Json),
            parse.GetValue(Html),
            parse.GetValue(DashboardPort))
        {
            Repo = parse.GetValue(Repo),
            SimGitOverHttp = parse.GetValue(Git) == "smart-http",
            AspireDashboard = ReadDashboard(parse),
        };
    }

    /// <summary><c>--dashboard</c>: on, off, or auto (on in a terminal, off when output is redirected or CI is set).</summary>
    public bool ReadDashboard(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        return parse.GetValue(Dashboard) switch
        {
            "on" => true,
            "off" => false,
            _ => !Console.IsOutputRedirected && string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")),
        };
    }
}

/// <summary>The values of <see cref="LiveOptions"/> for one invocation.</summary>
public sealed record LiveInvocation(string? Scenario, SubstrateKind Substrate, string? Kubeconfig, string? Context, string? ArgoCdManifest, bool InstallArgoCd, string? JUnit, string? Json, string? Html, int DashboardPort)
{
    /// <summary><c>--repo</c>: the checkout to run the scenario over instead of its <c>repo.path</c>.</summary>
    public string? Repo { get; init; }

    /// <summary>Start the Aspire Dashboard (false: headless).</summary>
    public bool AspireDashboard { get; init; }

    /// <summary><c>--git smart-http</c>: the sim substrate's repo-server reads the served repo over smart HTTP.</summary>
    public bool SimGitOverHttp { get; init; }

    /// <summary>Why these options cannot run together, or null.</summary>
    public string? Conflict() =>
        SimGitOverHttp && Substrate != SubstrateKind.Sim
            ? $"--git smart-http chooses how the sim substrate's repo-server reads the repo; the {Substrate.ToString().ToLowerInvariant()} substrate has its own ({(Substrate == SubstrateKind.K3s ? "k3s always serves the repo over smart HTTP inside the cluster" : "a kubeconfig cluster's Argo CD reads the real remote")}). Drop --git, or use --substrate sim."
            : null;
}
