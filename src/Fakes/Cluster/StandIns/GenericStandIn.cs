using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PlatformValidation.Fakes.Cluster.Json;

namespace PlatformValidation.Fakes.Cluster.StandIns;

/// <summary>
/// The stand-in for every image without a dedicated one: answers the container's declared httpGet probe paths (and
/// any other path) with 200, echoes basic request facts as JSON, and writes startup lines to the pod log. Pods of
/// Jobs (restartPolicy Never/OnFailure) finish after the configured run duration with the configured exit code; a
/// container configured to exit non-zero does so whatever its restart policy (an Always pod then crash-loops).
/// </summary>
public sealed class GenericStandIn : IStandIn
{
    private StandInContext? context;
    private readonly CancellationTokenSource stop = new();
    private volatile bool ready;

    public bool IsReady => ready;

    public int? ExitCode { get; private set; }

    public Task StartAsync(StandInContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        this.context = context;
        var ports = context.Container.Arr("ports")?.OfType<JsonObject>().Select(p => p.Long("containerPort")).Where(p => p is not null).ToList() ?? [];
        context.Log($"stand-in for image {context.Image}: container {context.ContainerName} of pod {context.PodName} starting");
        if (context.Arguments.Count > 0)
        {
            context.Log("command: " + string.Join(' ', context.Arguments));
        }

        context.Log(ports.Count > 0 ? "listening on ports " + string.Join(", ", ports) : "no ports declared");
        ready = true;
        var restartPolicy = context.Pod.Str("spec", "restartPolicy");
        if (restartPolicy is "Never" or "OnFailure" || context.ExitCode != 0)
        {
            _ = FinishLaterAsync(context);
        }

        return Task.CompletedTask;
    }

    private async Task FinishLaterAsync(StandInContext ctx)
    {
        try
        {
            await Task.Delay(ctx.RunDuration, ctx.Time, stop.Token);
            ctx.Log(ctx.ExitCode == 0 ? "work finished" : $"work failed with exit code {ctx.ExitCode}");
            ExitCode = ctx.ExitCode;
            ready = false;
            ctx.Exited();
        }
        catch (OperationCanceledException)
        {
            // Stopped before finishing.
        }
    }

    /// <summary>A container that declares ports listens on those (and its probes' ports); one that declares none, on any.</summary>
    public bool Listens(int port)
    {
        if (context is not { } ctx)
        {
            return false;
        }

        var declared = ctx.Container.Arr("ports")?.OfType<JsonObject>().Select(p => p.Long("containerPort")).ToList() ?? [];
        var probePorts = new[] { "readinessProbe", "livenessProbe", "startupProbe" }
            .Select(p => ctx.Container.Obj(p, "httpGet")?["port"]).Where(p => p is not null).Select(p => p!.ToString()).ToList();
        return declared.Count == 0 || declared.Contains(port) || probePorts.Contains(port.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<bool> ServeAsync(HttpContext http, int port, string pathAndQuery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var ctx = context;
        if (ctx is null)
        {
            return false;
        }

        if (!Listens(port))
        {
            return false;
        }

        var body = new JsonObject
        {
            ["standIn"] = "generic",
            ["pod"] = ctx.PodName,
            ["container"] = ctx.ContainerName,
            ["image"] = ctx.Image,
            ["port"] = port,
            ["method"] = http.Request.Method,
            ["path"] = pathAndQuery,
            ["headers"] = new JsonArray(http.Request.Headers.Keys.Select(k => k.ToLowerInvariant()).Order(StringComparer.Ordinal).Select(k => (JsonNode)k).ToArray()),
        };
        http.Response.StatusCode = 200;
        http.Response.ContentType = "application/json";
        await http.Response.WriteAsync(body.ToJsonString(), cancellationToken);
        return true;
    }

    public async ValueTask DisposeAsync()
    {
        ready = false;
        await stop.CancelAsync();
        stop.Dispose();
    }
}

/// <summary>Creates <see cref="GenericStandIn"/>s.</summary>
public sealed class GenericStandInFactory : IStandInFactory
{
    public string Kind => "generic";

    public IStandIn Create() => new GenericStandIn();
}
