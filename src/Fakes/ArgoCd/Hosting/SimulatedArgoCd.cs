using System.Text.Json.Nodes;
using k8s;
using PlatformValidation.Fakes.ArgoCd.ApplicationSets;
using PlatformValidation.Fakes.ArgoCd.Controllers;
using PlatformValidation.Fakes.ArgoCd.Crds;
using PlatformValidation.Fakes.ArgoCd.Kube;
using PlatformValidation.Fakes.ArgoCd.Model;
using PlatformValidation.Fakes.ArgoCd.Projects;
using PlatformValidation.Fakes.ArgoCd.Rendering;
using PlatformValidation.Fakes.ArgoCd.Repos;

using PlatformValidation.Fakes.ArgoCd.Health;
using PlatformValidation.Validators.Kube;

namespace PlatformValidation.Fakes.ArgoCd.Hosting;

/// <summary>
/// A running simulated Argo CD: the Application, ApplicationSet and AppProject controllers talking to a Kubernetes
/// API server through KubernetesClient only. Start it with <see cref="StartAsync(IKubernetes, ArgoCdOptions, CancellationToken)"/>;
/// drive it with kubectl or any client by writing argoproj.io objects; dispose to stop.
/// </summary>
public sealed class SimulatedArgoCd : IAsyncDisposable
{
    private readonly ControllerContext ctx;
    private readonly CancellationTokenSource lifetime;
    private readonly string? ownedCacheDirectory;

    private SimulatedArgoCd(ControllerContext ctx, ApplicationController applications, ApplicationSetController applicationSets, CancellationTokenSource lifetime, string? ownedCacheDirectory)
    {
        this.ctx = ctx;
        Applications = applications;
        ApplicationSets = applicationSets;
        this.lifetime = lifetime;
        this.ownedCacheDirectory = ownedCacheDirectory;
    }

    public ApplicationController Applications { get; }

    public ApplicationSetController ApplicationSets { get; }

    /// <summary>API requests the controllers have sent (watch connections included).</summary>
    public long ApiRequestCount => ctx.Api.RequestCount;

    public ArgoCdOptions Options => ctx.Options;

    /// <summary>Kinds whose watch last failed and why (empty when healthy).</summary>
    public IReadOnlyDictionary<string, string> CacheErrors => ctx.Cache.InformerErrors;

    /// <summary>Starts against the cluster in <paramref name="kubeconfigPath"/>.</summary>
    public static Task<SimulatedArgoCd> StartAsync(string kubeconfigPath, ArgoCdOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(kubeconfigPath);
        var client = new Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath));
        return StartAsync(client, options, cancellationToken);
    }

    public static async Task<SimulatedArgoCd> StartAsync(IKubernetes client, ArgoCdOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(options);
        var dynamic = new DynamicClient(client as Kubernetes ?? throw new ArgumentException("the simulated Argo CD needs a k8s.Kubernetes client (KubernetesClient) to issue dynamic requests", nameof(client)));
        var api = dynamic.Http;
        var discovery = dynamic.Discovery;
        var cacheDir = options.CacheDirectory ?? Path.Combine(Path.GetTempPath(), "pv-argocd-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(cacheDir);
        using var startup = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        startup.CancelAfter(options.StartupTimeout);
        try
        {
            if (options.Install)
            {
                await InstallAsync(api, discovery, options, startup.Token).ConfigureAwait(false);
            }

            var cache = new ClusterCache(api, discovery, options.Time);
            var repos = new RepositoryService(options.Repositories, Path.Combine(cacheDir, "revisions"), options.Time);
            var ctx = new ControllerContext
            {
                Api = api,
                Discovery = discovery,
                Cache = cache,
                Operations = new KubeResourceOperations(api, discovery, options.Time),
                Repositories = repos,
                Generator = new ManifestGenerator(repos, options.KubectlPath, Path.Combine(cacheDir, "scratch")),
                Options = options,
                BuiltInHealthScripts = options.ResourceCustomizations is { } dir ? ResourceCustomizationsDirectory.Load(dir) : null,
            };
            var applications = new ApplicationController(ctx);
            var appSets = new ApplicationSetController(ctx);
            await cache.StartAsync(startup.Token).ConfigureAwait(false);
            ctx.Settings = ArgoCdSettings.FromConfigMap(cache.Get(new ResourceKey(string.Empty, "ConfigMap", options.Namespace, "argocd-cm")));
            var lifetime = new CancellationTokenSource();
            applications.Start(lifetime.Token);
            appSets.Start(lifetime.Token);
            return new SimulatedArgoCd(ctx, applications, appSets, lifetime, options.CacheDirectory is null ? cacheDir : null);
        }
        catch (OperationCanceledException) when (startup.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new TimeoutException($"the simulated Argo CD did not start within {options.StartupTimeout} (installing CRDs and listing every kind at {api.BaseUri}); is the API server responsive?");
        }
    }

    /// <summary>
    /// Waits until no Application is queued, reconciling or syncing and no ApplicationSet is queued, continuously for
    /// <paramref name="settle"/>; throws <see cref="TimeoutException"/> naming the phase after <paramref name="timeout"/>.
    /// </summary>
    public async Task WaitForQuiescenceAsync(TimeSpan settle, TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        var deadline = DateTime.UtcNow + timeout;
        var idleSince = (DateTime?)null;
        while (DateTime.UtcNow < deadline)
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (Applications.IsIdle && ApplicationSets.IsIdle)
            {
                idleSince ??= DateTime.UtcNow;
                if (DateTime.UtcNow - idleSince >= settle)
                {
                    return;
                }
            }
            else
            {
                idleSince = null;
            }

            await Task.Delay(50, cancellationToken).ConfigureAwait(false);
        }

        throw new TimeoutException($"the simulated Argo CD did not become quiescent within {timeout} (applications idle: {Applications.IsIdle}, applicationsets idle: {ApplicationSets.IsIdle})");
    }

    public async ValueTask DisposeAsync()
    {
        await lifetime.CancelAsync().ConfigureAwait(false);
        Applications.Dispose();
        ApplicationSets.Dispose();
        await ctx.Cache.DisposeAsync().ConfigureAwait(false);
        ctx.Generator.Dispose();
        ctx.Settings = ArgoCdSettings.Empty;
        ctx.BuiltInHealthScripts?.Dispose();
        lifetime.Dispose();
        if (ownedCacheDirectory is not null)
        {
            try
            {
                Directory.Delete(ownedCacheDirectory, recursive: true);
            }
            catch (IOException)
            {
                // Best effort.
            }
            catch (UnauthorizedAccessException)
            {
                // Best effort.
            }
        }
    }

    /// <summary>Installs the CRDs, the namespace, the default AppProject and argocd-cm when absent.</summary>
    private static async Task InstallAsync(KubeHttp api, ApiDiscovery discovery, ArgoCdOptions options, CancellationToken cancellationToken)
    {
        foreach (var crd in ArgoCdCrds.All())
        {
            var name = Json.Str(crd, "metadata.name")!;
            if (await api.GetAsync($"/apis/apiextensions.k8s.io/v1/customresourcedefinitions/{name}", cancellationToken).ConfigureAwait(false) is null)
            {
                await api.SendJsonAsync(HttpMethod.Post, "/apis/apiextensions.k8s.io/v1/customresourcedefinitions", crd, cancellationToken: cancellationToken).ConfigureAwait(false);
            }
        }

        while ((await discovery.FindAsync("argoproj.io/v1alpha1", "AppProject", cancellationToken).ConfigureAwait(false)) is null ||
               (await discovery.FindAsync("argoproj.io/v1alpha1", "Application", cancellationToken).ConfigureAwait(false)) is null ||
               (await discovery.FindAsync("argoproj.io/v1alpha1", "ApplicationSet", cancellationToken).ConfigureAwait(false)) is null)
        {
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
            discovery.Invalidate();
        }

        var ns = options.Namespace;
        await CreateIfAbsentAsync(api, $"/api/v1/namespaces/{ns}", "/api/v1/namespaces", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Namespace",
            ["metadata"] = new JsonObject { ["name"] = ns },
        }, cancellationToken).ConfigureAwait(false);
        await CreateIfAbsentAsync(api, $"/apis/argoproj.io/v1alpha1/namespaces/{ns}/appprojects/default", $"/apis/argoproj.io/v1alpha1/namespaces/{ns}/appprojects", new JsonObject
        {
            ["apiVersion"] = "argoproj.io/v1alpha1",
            ["kind"] = "AppProject",
            ["metadata"] = new JsonObject { ["name"] = "default", ["namespace"] = ns },
            ["spec"] = AppProjectPolicy.DefaultProjectSpec(),
        }, cancellationToken).ConfigureAwait(false);
        await CreateIfAbsentAsync(api, $"/api/v1/namespaces/{ns}/configmaps/argocd-cm", $"/api/v1/namespaces/{ns}/configmaps", new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "ConfigMap",
            ["metadata"] = new JsonObject
            {
                ["name"] = "argocd-cm",
                ["namespace"] = ns,
                ["labels"] = new JsonObject { ["app.kubernetes.io/name"] = "argocd-cm", ["app.kubernetes.io/part-of"] = "argocd" },
            },
        }, cancellationToken).ConfigureAwait(false);
    }

    private static async Task CreateIfAbsentAsync(KubeHttp api, string getPath, string postPath, JsonObject body, CancellationToken cancellationToken)
    {
        if (await api.GetAsync(getPath, cancellationToken).ConfigureAwait(false) is not null)
        {
            return;
        }

        try
        {
            await api.SendJsonAsync(HttpMethod.Post, postPath, body, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (KubeApiException e) when (e.Status == 409)
        {
            // Created concurrently.
        }
    }
}
