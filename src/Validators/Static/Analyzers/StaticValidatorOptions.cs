using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Graph;
using PlatformValidation.Validators.Scenarios;

namespace PlatformValidation.Validators.Analyzers;

/// <summary>Settings of <see cref="StaticValidator"/>.</summary>
public sealed record StaticValidatorOptions
{
    /// <summary>The default <see cref="BillableResources"/> (declared before <see cref="Default"/>, which reads it).</summary>
    public static IReadOnlyList<string> DefaultBillableResources { get; } =
        ["nvidia.com/gpu", "nvidia.com/mig-*", "amd.com/gpu", "google.com/tpu", "aws.amazon.com/neuron*"];

    public static StaticValidatorOptions Default { get; } = new();

    /// <summary>How profiles are expanded and rendered.</summary>
    public ExpansionOptions Expansion { get; init; } = ExpansionOptions.Default with
    {
        // kubectl kustomize / helm runs are mostly process start-up and I/O: run more of them than there are cores.
        Render = ExpansionOptions.Default.Render with { MaxParallelTools = Math.Max(4, 2 * Environment.ProcessorCount) },
    };

    /// <summary>The analyzers to run (default: <see cref="StaticValidator.DefaultAnalyzers"/>).</summary>
    public IReadOnlyList<IStaticAnalyzer>? Analyzers { get; init; }

    /// <summary>
    /// Accelerator resources that cost money while requested (GATE001); a trailing '*' matches by prefix. Default:
    /// NVIDIA and AMD GPUs (and NVIDIA MIG slices), Google TPUs, AWS Neuron devices.
    /// </summary>
    public IReadOnlyList<string> BillableResources { get; init; } = DefaultBillableResources;


    /// <summary>
    /// Platform presets naming what the cluster provides (<see cref="ClusterDefaults.Platforms"/>). Null: k3s with a
    /// scenario; without one, openshift when the Argo CD objects live in <c>openshift-gitops</c> (OpenShift GitOps),
    /// else k3s.
    /// </summary>
    public IReadOnlyList<string>? Platforms { get; init; }

    /// <summary>Objects the cluster provides on top of the presets (<c>--externals FILE</c>; added to a scenario's own).</summary>
    public IReadOnlyList<ExternalObject> Externals { get; init; } = [];

    /// <summary>Cluster Secrets Argo CD holds, for the clusters generator (<c>clusters:</c> of <c>--externals FILE</c>; added to a scenario's own).</summary>
    public IReadOnlyList<Argo.ArgoCluster> Clusters { get; init; } = [];

    /// <summary>Without a scenario: this repo's own URL (<c>--repo-url</c>); null = <c>git remote get-url origin</c>.</summary>
    public string? RepoUrl { get; init; }

    /// <summary>Without a scenario: validate just these root files (<c>--root</c>, repo-relative) instead of discovering the roots.</summary>
    public IReadOnlyList<string> Roots { get; init; } = [];
}
