using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Json;

namespace PlatformValidation.Fakes.Cluster.StandIns;

/// <summary>The running stand-ins, by pod uid and container name; picks the stand-in kind by image pattern.</summary>
public sealed class StandInHost : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(string PodUid, string Container), IStandIn> running = new();
    private readonly ConcurrentDictionary<(string PodUid, string Container, int Port), Lazy<Task<StandInBridge>>> bridges = new();
    private readonly Dictionary<string, IStandInFactory> factories = new(StringComparer.Ordinal);
    private readonly SimulatedClusterOptions options;
    private readonly PodLogStore logs;

    public StandInHost(SimulatedClusterOptions options, PodLogStore logs)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.options = options;
        this.logs = logs;
        Register(new GenericStandInFactory());
        Register(new FakeLlmStandInFactory());
        foreach (var f in options.StandInFactories.Values)
        {
            Register(f);
        }
    }

    public void Register(IStandInFactory factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        factories[factory.Kind] = factory;
    }

    /// <summary>The stand-in kind an image maps to ("generic" when no pattern matches or the kind is not registered).</summary>
    public string KindFor(string image)
    {
        foreach (var (pattern, kind) in options.StandInImages)
        {
            if (ImagePattern.Matches(pattern, image) && factories.ContainsKey(kind))
            {
                return kind;
            }
        }

        return "generic";
    }

    public bool IsRegistered(string kind) => factories.ContainsKey(kind);

    /// <summary>Raised with the pod's namespace and name when one of its stand-ins exits on its own.</summary>
    public event Action<string?, string>? ContainerExited;

    public async Task<IStandIn> StartAsync(JsonObject pod, JsonObject container, IReadOnlyDictionary<string, string> env, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pod);
        ArgumentNullException.ThrowIfNull(container);
        var uid = pod.Uid();
        var name = container.Str("name") ?? string.Empty;
        var image = container.Str("image") ?? string.Empty;
        var factory = factories[KindFor(image)];
        var standIn = factory.Create();
        var args = (container.Arr("command")?.Select(a => a?.GetValue<string>() ?? string.Empty) ?? [])
            .Concat(container.Arr("args")?.Select(a => a?.GetValue<string>() ?? string.Empty) ?? []).ToList();
        var exitCode = options.ContainerExitCodes.FirstOrDefault(kv => ImagePattern.Matches(kv.Key, image)).Value;
        var context = new StandInContext
        {
            Pod = pod.Clone(),
            Container = container.Clone(),
            Environment = env,
            Arguments = args.Select(a => ExpandEnv(a, env)).ToList(),
            Log = line => logs.Append(uid, name, line),
            Time = options.TimeProvider,
            ExitCode = exitCode,
            RunDuration = options.JobRunDuration,
            Exited = () => ContainerExited?.Invoke(pod.Namespace(), pod.Name()),
        };
        if (running.TryRemove((uid, name), out var old))
        {
            await old.DisposeAsync();
        }

        await StopBridgesAsync(k => k.PodUid == uid && k.Container == name);
        running[(uid, name)] = standIn;
        await standIn.StartAsync(context, cancellationToken);
        return standIn;
    }

    public IStandIn? Get(string podUid, string container) => running.TryGetValue((podUid, container), out var s) ? s : null;

    public IEnumerable<(string Container, IStandIn StandIn)> ForPod(string podUid) =>
        running.Where(kv => kv.Key.PodUid == podUid).Select(kv => (kv.Key.Container, kv.Value));

    /// <summary>
    /// A byte-stream connection to a container port of a running stand-in (what port-forward dials), or null when
    /// nothing runs there.
    /// </summary>
    public async Task<Stream?> ConnectAsync(string podUid, string container, int port, CancellationToken cancellationToken = default)
    {
        if (!running.TryGetValue((podUid, container), out var standIn) || !standIn.Listens(port))
        {
            return null;
        }

        var bridge = bridges.GetOrAdd((podUid, container, port), _ => new Lazy<Task<StandInBridge>>(() => StandInBridge.StartAsync(standIn, port, CancellationToken.None)));
        return await (await bridge.Value).ConnectAsync(cancellationToken);
    }

    private async Task StopBridgesAsync(Func<(string PodUid, string Container, int Port), bool> which)
    {
        foreach (var key in bridges.Keys.Where(which).ToList())
        {
            if (bridges.TryRemove(key, out var bridge) && bridge.IsValueCreated)
            {
                try
                {
                    await (await bridge.Value).DisposeAsync();
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // A bridge that failed to start or stop holds nothing to release.
                }
            }
        }
    }

    public async Task StopPodAsync(string podUid)
    {
        await StopBridgesAsync(k => k.PodUid == podUid);
        foreach (var key in running.Keys.Where(k => k.PodUid == podUid).ToList())
        {
            if (running.TryRemove(key, out var s))
            {
                await s.DisposeAsync();
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopBridgesAsync(_ => true);
        foreach (var key in running.Keys.ToList())
        {
            if (running.TryRemove(key, out var s))
            {
                try
                {
                    await s.DisposeAsync();
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // A stand-in failing to stop must not block the cluster's shutdown.
                }
            }
        }
    }

    /// <summary>Expands $(VAR) references in args as the kubelet does.</summary>
    private static string ExpandEnv(string arg, IReadOnlyDictionary<string, string> env)
    {
        var result = arg;
        foreach (var (k, v) in env)
        {
            result = result.Replace("$(" + k + ")", v, StringComparison.Ordinal);
        }

        return result;
    }
}
