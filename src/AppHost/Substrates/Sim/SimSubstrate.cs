using PlatformValidation.AppHost.Composition;
using PlatformValidation.AppHost.Resources.ArgoCd;
using PlatformValidation.AppHost.Resources.Cluster;
using PlatformValidation.AppHost.Resources.FakeLlm;
using PlatformValidation.AppHost.Resources.GitServer;

namespace PlatformValidation.AppHost.Substrates;

/// <summary>
/// The sim substrate: the simulated cluster shaped like the GPU substrate (its nodes from the scenario, the fake LLM
/// image backed in-process), the served repo snapshot, and the simulated Argo CD reading it (with the health scripts of
/// <c>substrate.argocd.customizations</c> when the scenario names a folder). With <see cref="RunOptions.SimGitOverHttp"/>
/// the repo is also served by the smart-HTTP git server and the simulated repo-server clones and fetches it over the
/// wire (libgit2, smart protocol only, like go-git in Argo CD); by default it reads the local repository. The cluster and the git
/// server wait for nothing, so they start while DCP comes up.
/// </summary>
public static class SimSubstrate
{
    public static SubstrateResources Add(IDistributedApplicationBuilder builder, RunOptions options, IResourceBuilder<FakeLlmResource> llm, IReadOnlyDictionary<string, string> standIns)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(llm);
        var cluster = builder.AddSimulatedCluster("cluster")
            .WithSubstrateShape(options.Scenario.Substrate, new Dictionary<string, string> { [llm.Resource.Image] = FakeLlmResource.StandInKind })
            .WithApiFaults(options.ApiFaultRate, options.Seed);
        llm.WaitFor(cluster);
        var git = builder.AddGitServer("git", options.Scenario).WithStandIns(standIns);
        git.Resource.ServeOverHttp = options.SimGitOverHttp;
        var argo = builder.AddSimulatedArgoCd("argocd", cluster, git)
            .WithResourceCustomizations(options.Scenario.Substrate.ArgoCdCustomizations);
        return new SubstrateResources(cluster, argo, git);
    }
}
