using System.Net.Http.Headers;
using Microsoft.AspNetCore.Http;
using PlatformValidation.Fakes.Llm.Configuration;
using PlatformValidation.Fakes.Llm.Hosting;

namespace PlatformValidation.Fakes.Cluster.StandIns;

/// <summary>
/// Backs a model-server container (vLLM) with the in-process simulated vLLM endpoint: the container's command, args
/// and environment (Secret/ConfigMap values resolved) become its options through <see cref="VllmArguments"/>; its
/// log lines become the pod log; readiness follows its start-up; proxied requests (Authorization included) reach it.
/// </summary>
public sealed class FakeLlmStandIn : IStandIn
{
    private static readonly HttpClient Http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) }) { Timeout = Timeout.InfiniteTimeSpan };
    private static readonly HashSet<string> HopHeaders = new(StringComparer.OrdinalIgnoreCase) { "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Host", "Content-Length" };
    private FakeLlmServer? server;
    private StandInContext? context;

    public bool IsReady => server?.IsReady == true;

    public int? ExitCode { get; private set; }

    public async Task StartAsync(StandInContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        this.context = context;
        var args = context.Arguments.ToList();
        // "vllm serve M …", "python3 -m vllm.entrypoints.openai.api_server --model M …" and bare flag lists all reduce to flags.
        while (args.Count > 0 && !args[0].StartsWith('-') && args[0] is not "serve" && (args[0].Contains("python", StringComparison.Ordinal) || args[0] is "vllm" or "-m" || args[0].StartsWith("vllm.", StringComparison.Ordinal)))
        {
            args.RemoveAt(0);
        }

        var dashM = args.IndexOf("-m");
        if (dashM >= 0 && dashM + 1 < args.Count)
        {
            args.RemoveRange(dashM, 2);
        }

        var env = context.Environment.ToDictionary(kv => kv.Key, kv => (string?)kv.Value, StringComparer.Ordinal);
        var parsed = VllmArguments.Parse(args, env, new FakeLlmOptions(), lenient: true);
        foreach (var w in parsed.Warnings)
        {
            context.Log("WARNING " + w);
        }

        if (!parsed.Succeeded)
        {
            foreach (var e in parsed.Errors)
            {
                context.Log("ERROR " + e);
            }

            ExitCode = 2;
            return;
        }

        var options = parsed.Options with { Host = "127.0.0.1", Port = 0 };
        server = await FakeLlmServer.StartAsync(options, cancellationToken);
        foreach (var line in server.Log.Snapshot())
        {
            context.Log(line);
        }

        server.Log.LineWritten += context.Log;
    }

    public async Task<bool> ServeAsync(HttpContext http, int port, string pathAndQuery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(http);
        var target = server;
        if (target is null)
        {
            return false;
        }

        using var request = new HttpRequestMessage(new HttpMethod(http.Request.Method), new Uri(target.Uri, pathAndQuery.TrimStart('/')));
        if (http.Request.ContentLength > 0 || http.Request.Headers.TransferEncoding.Count > 0)
        {
            request.Content = new StreamContent(http.Request.Body);
        }

        foreach (var (name, values) in http.Request.Headers)
        {
            if (HopHeaders.Contains(name))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values) && request.Content is not null)
            {
                request.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string>)values);
            }
        }

        using var response = await Http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        http.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopHeaders.Contains(header.Key))
            {
                http.Response.Headers[header.Key] = header.Value.ToArray();
            }
        }

        await using var body = await response.Content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[8192];
        int read;
        while ((read = await body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            await http.Response.Body.WriteAsync(buffer.AsMemory(0, read), cancellationToken);
            await http.Response.Body.FlushAsync(cancellationToken);
        }

        return true;
    }

    public async ValueTask DisposeAsync()
    {
        if (server is not null)
        {
            if (context is not null)
            {
                server.Log.LineWritten -= context.Log;
            }

            await server.DisposeAsync();
            server = null;
        }
    }

    internal static MediaTypeHeaderValue Json => new("application/json");
}

/// <summary>Creates <see cref="FakeLlmStandIn"/>s (stand-in kind "fake-llm").</summary>
public sealed class FakeLlmStandInFactory : IStandInFactory
{
    public string Kind => "fake-llm";

    public IStandIn Create() => new FakeLlmStandIn();
}
