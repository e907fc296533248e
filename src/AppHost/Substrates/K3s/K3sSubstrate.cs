using PlatformValidation.AppHost.Composition;
using PlatformValidation.AppHost.Resources.Lifecycle;
using PlatformValidation.AppHost.Resources;
using PlatformValidation.AppHost.Resources.ArgoCd;
using PlatformValidation.AppHost.Resources.Cluster;
using PlatformValidation.AppHost.Resources.FakeLlm;
using PlatformValidation.AppHost.Resources.GitServer;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.AppHost.Substrates.K3s;

/// <summary>
/// The k3s substrate: k3s in a container (node shaped like the GPU substrate), the fake LLM and git-server images
/// built locally and imported into containerd, the repo snapshot served in-cluster with repoURLs rewritten to it,
/// and real Argo CD installed from the pinned, checksum-verified manifest.
/// </summary>
public static class K3sSubstrate
{
    public static SubstrateResources Add(IDistributedApplicationBuilder builder, RunOptions options, IResourceBuilder<FakeLlmResource> llm, IReadOnlyDictionary<string, string> standIns)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(llm);
        var k3s = new K3sClusterResource("cluster", ImageTags.K3s) { Shape = options.Scenario.Substrate };
        var externals = builder.AddHarnessResource(new ExternalsCheckResource("externals", options.Scenario, ProvidedExternals.K3s));
        // Healthy once the API answers and what the substrate declares as provided is there (traefik's IngressClass
        // appears when k3s' helm controller has installed its bundled chart); the pulls may take a few minutes.
        var cluster = builder.AddHarnessResource(k3s).WaitFor(externals).WithApiHealthCheck()
            .WithHealthCheck("declared externals present", token => DeclaredExternalsPresentAsync(k3s, token))
            .WithStartupTimeout(TimeSpan.FromMinutes(5));

        llm.Resource.Load = async (ctx, token) =>
        {
            await LocalImageBuilder.BuildAsync("src/Fakes/Llm/Fakes.Llm.csproj", "fake-llm", ["--host", "0.0.0.0", "--port", "8000"], llm.Resource.Image, 8000, llm.Resource.Log.Write, token);
            await K3sImageLoader.LoadAsync(k3s.Container, llm.Resource.Image, token);
        };
        llm.WaitFor(cluster);

        var git = builder.AddGitServer("git", options.Scenario).WithStandIns(standIns).WaitFor(cluster);
        git.Resource.ServedUrl = InClusterGitServer.RepoUrl;
        git.Resource.Publish = async (repo, ctx, token) =>
        {
            await LocalImageBuilder.BuildAsync("src/AppHost/AppHost.csproj", "PlatformValidation.AppHost", [], ImageTags.GitServer, 8080, git.Resource.Log.Write, token);
            await K3sImageLoader.LoadAsync(k3s.Container, ImageTags.GitServer, token);
            await CopyRepoAsync(k3s, repo, token);
            repo.Committed += (_, t) => CopyRepoAsync(k3s, repo, t);
            using var client = k3s.CreateClient();
            var dynamic = new DynamicClient(client);
            foreach (var manifest in InClusterGitServer.Manifests())
            {
                await dynamic.ApplyAsync(manifest, InClusterGitServer.Namespace, token);
            }
        };

        var argo = builder.AddArgoCdInstall("argocd", cluster, installIfMissing: true, options.ArgoCdManifest).WaitFor(git);
        return new SubstrateResources(cluster, argo, git);
    }

    private static async Task<bool> DeclaredExternalsPresentAsync(K3sClusterResource k3s, CancellationToken cancellationToken)
    {
        using var client = k3s.CreateClient();
        var absent = await ProvidedExternals.K3s.NotYetOnClusterAsync(new DynamicClient(client), cancellationToken);
        // The message becomes the health report's description, which a startup timeout quotes.
        return absent.Count == 0 ? true : throw new InvalidOperationException("not yet on the cluster: " + string.Join(", ", absent));
    }

    private static Task CopyRepoAsync(K3sClusterResource k3s, ServedGitRepo repo, CancellationToken cancellationToken) =>
        ContainerRepoCopy.CopyAsync(k3s.Container, repo.GitDirectory, InClusterGitServer.HostPath, InClusterGitServer.RepoName, cancellationToken);
}
