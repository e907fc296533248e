using System.Security.Cryptography;
using k8s;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebSockets;
using PlatformValidation.Fakes.Cluster.Api;
using PlatformValidation.Fakes.Cluster.Controllers;
using PlatformValidation.Fakes.Cluster.Faults;
using PlatformValidation.Hosting;

namespace PlatformValidation.Fakes.Cluster.Hosting;

/// <summary>
/// An in-process Kubernetes API server with workload controllers, bound to 127.0.0.1. Start it with
/// <see cref="StartAsync"/>, point clients at <see cref="KubeconfigPath"/> (bearer-token auth), dispose to stop.
/// </summary>
public sealed class SimulatedCluster : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly CancellationTokenSource stopping;
    private readonly ControllerSet controllers;
    private readonly string token;
    private readonly bool ownsKubeconfigDirectory;
    private readonly ServingCertificate certificate;
    private int disposed;

    private SimulatedCluster(WebApplication app, ClusterCore core, ControllerSet controllers, CancellationTokenSource stopping, Uri uri, string kubeconfigPath, string token, bool ownsKubeconfigDirectory, ServingCertificate certificate)
    {
        this.certificate = certificate;
        this.app = app;
        Core = core;
        this.controllers = controllers;
        this.stopping = stopping;
        Uri = uri;
        KubeconfigPath = kubeconfigPath;
        this.token = token;
        this.ownsKubeconfigDirectory = ownsKubeconfigDirectory;
    }

    /// <summary>https://127.0.0.1:port of the API server (TLS with a CA of its own, given in the kubeconfig).</summary>
    public Uri Uri { get; }

    /// <summary>The kubeconfig written for this cluster (its user's bearer token is the only credential).</summary>
    public string KubeconfigPath { get; }

    /// <summary>Runtime fault injection (500/429/delays, watch cuts).</summary>
    public FaultInjector Faults => Core.Faults;

    /// <summary>The internals (store, registry, stand-ins) for in-process callers such as the simulated Argo CD.</summary>
    public ClusterCore Core { get; }

    /// <summary>Starts a simulated cluster; throws <see cref="SimulatedClusterException"/> with what to change when it cannot.</summary>
    public static async Task<SimulatedCluster> StartAsync(SimulatedClusterOptions options, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validate(options);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var certificate = ServingCertificate.Create(options.TimeProvider.GetUtcNow());
        var stopping = new CancellationTokenSource();
        var core = new ClusterCore(options, token, stopping.Token);
        var handler = new ApiHandler(core);

        var builder = LoopbackKestrel.CreateBuilder(options.Port, listen => listen.UseHttps(certificate.Server), k =>
        {
            k.Limits.MaxRequestBodySize = 8 * 1024 * 1024;
            k.AllowSynchronousIO = false;
        });
        builder.Services.AddWebSockets(_ => { });
        var app = builder.Build();
        app.UseWebSockets();
        app.Run(context => ServeAsync(context, core, handler));
        try
        {
            await app.StartAsync(ct);
        }
        catch (IOException e)
        {
            await app.DisposeAsync();
            stopping.Dispose();
            throw new SimulatedClusterException($"cannot listen on 127.0.0.1:{options.Port}: {e.Message}. Choose another port (--port N) or 0 for a free one.", e);
        }

        var uri = new Uri($"https://127.0.0.1:{LoopbackKestrel.BoundPort(app)}");

        var ownsDir = options.KubeconfigPath is null;
        var path = options.KubeconfigPath ?? Path.Combine(Directory.CreateTempSubdirectory("sim-cluster-").FullName, "kubeconfig");
        try
        {
            Kubeconfig.Write(path, Kubeconfig.Render(uri, token, options.ContextName, certificate.AuthorityData));
        }
        catch
        {
            await app.StopAsync(CancellationToken.None);
            await app.DisposeAsync();
            stopping.Dispose();
            throw;
        }

        Bootstrap.Run(core);
        var controllers = new ControllerSet(core);
        controllers.Start();
        return new SimulatedCluster(app, core, controllers, stopping, uri, path, token, ownsDir, certificate);
    }

    /// <summary>A KubernetesClient for this cluster (authenticated with the cluster's token).</summary>
    public Kubernetes CreateClient()
    {
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath);
        return new Kubernetes(config);
    }

    private static async Task ServeAsync(HttpContext context, ClusterCore core, ApiHandler handler)
    {
        var path = context.Request.Path.Value ?? "/";
        var open = path is "/version" or "/version/" or "/healthz" or "/livez" or "/readyz";
        if (!open)
        {
            if (!Authenticated(context, core))
            {
                await HttpJson.WriteErrorAsync(context, StatusErrors.Unauthorized(), context.RequestAborted);
                return;
            }

            try
            {
                await core.Faults.BeforeRequestAsync(path, context.RequestAborted);
            }
            catch (ApiException e)
            {
                await HttpJson.WriteErrorAsync(context, e, context.RequestAborted);
                return;
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }

        await handler.HandleAsync(context);
    }

    /// <summary>
    /// The cluster's bearer token in Authorization. Like kube-apiserver, authentication then removes the header, so
    /// nothing downstream (the service and pod proxies, port-forward backends) ever sees the cluster credential.
    /// </summary>
    private static bool Authenticated(HttpContext context, ClusterCore core)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) || !core.IsValidToken(header[7..].Trim()))
        {
            return false;
        }

        context.Request.Headers.Remove("Authorization");
        return true;
    }

    private static void Validate(SimulatedClusterOptions o)
    {
        if (o.Port is < 0 or > 65535)
        {
            throw new SimulatedClusterException($"port {o.Port} is out of range: use 0 (a free port) or 1-65535.");
        }

        if (o.GpuNodes < 0)
        {
            throw new SimulatedClusterException($"the number of GPU nodes cannot be negative ({o.GpuNodes}).");
        }

        if (o.PodStartDelay < TimeSpan.Zero || o.PodStopDelay < TimeSpan.Zero || o.JobRunDuration < TimeSpan.Zero)
        {
            throw new SimulatedClusterException("pod start/stop delays and the job run duration cannot be negative.");
        }

        var names = o.Nodes.Select(n => n.Name).Concat(Enumerable.Range(1, o.GpuNodes).Select(i => o.GpuNode.Node(i).Name)).ToList();
        if (names.Distinct(StringComparer.Ordinal).Count() != names.Count)
        {
            throw new SimulatedClusterException("node names must be unique: " + string.Join(", ", names));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref disposed, 1) == 1)
        {
            return;
        }

        await stopping.CancelAsync();
        await controllers.DisposeAsync();
        await Core.StandIns.DisposeAsync();
        using (var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5)))
        {
            try
            {
                await app.StopAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                // Open watches are cut by the stopping token; give up waiting after the timeout.
            }
        }

        await app.DisposeAsync();
        stopping.Dispose();
        certificate.Dispose();
        if (ownsKubeconfigDirectory)
        {
            try
            {
                Directory.Delete(Path.GetDirectoryName(KubeconfigPath)!, recursive: true);
            }
            catch (IOException)
            {
                // Best effort cleanup of the temporary directory.
            }
        }
    }
}
