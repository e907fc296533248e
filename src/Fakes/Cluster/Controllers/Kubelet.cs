using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;
using PlatformValidation.Fakes.Cluster.StandIns;
using PlatformValidation.Fakes.Cluster.Storage;

namespace PlatformValidation.Fakes.Cluster.Controllers;

/// <summary>
/// The kubelets of every simulated node: runs scheduled pods through image pull (ErrImagePull/ImagePullBackOff for
/// unpullable images), volume and env resolution (FailedMount, CreateContainerConfigError for missing non-optional
/// Secrets/ConfigMaps, recovering when they appear), the configured start delay, stand-in start (Running, Ready),
/// completion of run-to-completion pods, and graceful termination of deleted pods.
/// </summary>
public sealed partial class Kubelet : Controller
{
    private static readonly GroupResource Pods = new(string.Empty, "pods");
    private static readonly GroupResource Secrets = new(string.Empty, "secrets");
    private static readonly GroupResource ConfigMaps = new(string.Empty, "configmaps");
    private static readonly GroupResource Pvcs = new(string.Empty, "persistentvolumeclaims");
    private readonly ConcurrentDictionary<string, PodRuntime> runtimes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> nextIp = new(StringComparer.Ordinal);

    public Kubelet(ClusterCore core)
        : base(core)
    {
        core.StandIns.ContainerExited += (ns, name) => Enqueue(new ControllerKey(Pods, ns, name));
    }

    public override string Name => "kubelet";

    protected override IReadOnlyList<GroupResource> Watches { get; } = [Pods, Secrets, ConfigMaps, Pvcs];

    private sealed class PodRuntime
    {
        public DateTimeOffset SeenAt { get; init; }

        public bool Started { get; set; }

        public DateTimeOffset? PullFailedAt { get; set; }

        public DateTimeOffset? DeletingSeenAt { get; set; }

        public string? PodIp { get; set; }

        public HashSet<string> Recorded { get; } = new(StringComparer.Ordinal);

        /// <summary>Restarts per container of an Always pod whose stand-in exited (CrashLoopBackOff).</summary>
        public Dictionary<string, int> Restarts { get; } = new(StringComparer.Ordinal);

        /// <summary>When each crashed container is due to start again, and its last exit code.</summary>
        public Dictionary<string, (DateTimeOffset Due, int ExitCode, DateTimeOffset FinishedAt)> BackOff { get; } = new(StringComparer.Ordinal);
    }

    protected override IEnumerable<ControllerKey> KeysFor(StoreEvent e)
    {
        if (e.Resource == Pods)
        {
            if (e.Type == WatchEventType.Deleted)
            {
                var uid = e.Object.Uid();
                runtimes.TryRemove(uid, out _);
                _ = Core.StandIns.StopPodAsync(uid);
                Core.PodLogs.Forget(uid);
                return [];
            }

            return string.IsNullOrEmpty(e.Object.Str("spec", "nodeName")) ? [] : [new ControllerKey(Pods, e.Object.Namespace(), e.Object.Name())];
        }

        // A Secret, ConfigMap or PVC changed: pods of that namespace that have not started may now proceed.
        return Store.ListRaw(Pods, e.Object.Namespace())
            .Where(p => !string.IsNullOrEmpty(p.Str("spec", "nodeName")) && p.Str("status", "phase") == "Pending")
            .Select(p => new ControllerKey(Pods, p.Namespace(), p.Name())).ToList();
    }

    protected override async Task ReconcileAsync(ControllerKey key, CancellationToken cancellationToken)
    {
        var podType = Core.Core("pods");
        var pod = Store.TryGet(podType, key.Namespace, key.Name);
        if (pod is null || string.IsNullOrEmpty(pod.Str("spec", "nodeName")))
        {
            return;
        }

        var now = Core.Time.GetUtcNow();
        var runtime = runtimes.GetOrAdd(pod.Uid(), _ => new PodRuntime { SeenAt = now });
        if (PodHelpers.IsDeleting(pod))
        {
            await TerminateAsync(key, pod, runtime, now);
            return;
        }

        if (PodHelpers.IsTerminated(pod))
        {
            return;
        }

        var containers = pod.Arr("spec", "containers")?.OfType<JsonObject>().ToList() ?? [];
        var unpullable = containers.Concat(pod.Arr("spec", "initContainers")?.OfType<JsonObject>() ?? [])
            .FirstOrDefault(c => ImagePattern.Any(Core.Options.UnpullableImages, c.Str("image") ?? string.Empty));
        if (unpullable is not null)
        {
            ImagePullFailure(key, pod, runtime, unpullable, now);
            return;
        }

        var problem = Volumes(pod);
        if (problem is not null)
        {
            Record(pod, runtime, "FailedMount", problem, warning: true);
            SetWaiting(key, pod, "ContainerCreating", null, now);
            return;
        }

        var envs = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var c in containers)
        {
            var (env, error) = ResolveEnv(pod, c);
            if (error is not null)
            {
                Record(pod, runtime, "Failed", "Error: " + error, warning: true);
                SetWaiting(key, pod, "CreateContainerConfigError", error, now, c.Str("name"));
                return;
            }

            envs[c.Str("name") ?? string.Empty] = env;
        }

        if (!runtime.Started)
        {
            var due = runtime.SeenAt + Core.Options.PodStartDelay;
            if (now < due)
            {
                SetWaiting(key, pod, "ContainerCreating", null, now);
                EnqueueAfter(key, due - now);
                return;
            }

            foreach (var c in containers)
            {
                var image = c.Str("image") ?? string.Empty;
                Record(pod, runtime, "Pulling", $"Pulling image \"{image}\"", fieldPath: $"spec.containers{{{c.Str("name")}}}");
                Record(pod, runtime, "Pulled", $"Successfully pulled image \"{image}\" in 1ms (1ms including waiting). Image size: 0 bytes.", fieldPath: $"spec.containers{{{c.Str("name")}}}");
                Record(pod, runtime, "Created", $"Created container: {c.Str("name")}", fieldPath: $"spec.containers{{{c.Str("name")}}}");
                await Core.StandIns.StartAsync(pod, c, envs[c.Str("name") ?? string.Empty], cancellationToken);
                Record(pod, runtime, "Started", $"Started container {c.Str("name")}", fieldPath: $"spec.containers{{{c.Str("name")}}}");
            }

            runtime.Started = true;
            runtime.PodIp ??= AllocateIp(pod.Str("spec", "nodeName")!);
        }

        if (pod.Str("spec", "restartPolicy") is null or "Always")
        {
            await RestartCrashedAsync(key, pod, runtime, containers, envs, now, cancellationToken);
        }

        await UpdateRunningAsync(key, pod, runtime, containers, now, cancellationToken);
    }

    /// <summary>Containers of an Always pod that exited go into CrashLoopBackOff and start again after a growing back-off.</summary>
    private async Task RestartCrashedAsync(ControllerKey key, JsonObject pod, PodRuntime runtime, List<JsonObject> containers, Dictionary<string, IReadOnlyDictionary<string, string>> envs, DateTimeOffset now, CancellationToken ct)
    {
        foreach (var c in containers)
        {
            var name = c.Str("name") ?? string.Empty;
            var standIn = Core.StandIns.Get(pod.Uid(), name);
            if (runtime.BackOff.TryGetValue(name, out var backOff))
            {
                if (now >= backOff.Due)
                {
                    runtime.BackOff.Remove(name);
                    await Core.StandIns.StartAsync(pod, c, envs[name], ct);
                    Core.Events.Record(pod, "Normal", "Started", $"Started container {name}", Name, $"spec.containers{{{name}}}");
                }

                continue;
            }

            if (standIn?.ExitCode is { } code)
            {
                var restarts = runtime.Restarts[name] = runtime.Restarts.GetValueOrDefault(name) + 1;
                var delay = TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, restarts - 1)));
                runtime.BackOff[name] = (now + delay, code, now);
                Core.Events.Record(pod, "Warning", "BackOff", $"Back-off restarting failed container {name} in pod {pod.Name()}_{pod.Namespace()}({pod.Uid()})", Name, $"spec.containers{{{name}}}");
                EnqueueAfter(key, delay);
            }
        }
    }

    private async Task UpdateRunningAsync(ControllerKey key, JsonObject pod, PodRuntime runtime, List<JsonObject> containers, DateTimeOffset now, CancellationToken ct)
    {
        var probed = new Dictionary<string, bool>(StringComparer.Ordinal);
        foreach (var c in containers)
        {
            var name = c.Str("name") ?? string.Empty;
            if (Core.StandIns.Get(pod.Uid(), name) is { ExitCode: null } running)
            {
                probed[name] = await ReadyAsync(c, running, ct);
            }
        }

        var standIns = containers.Select(c => (Container: c, StandIn: Core.StandIns.Get(pod.Uid(), c.Str("name") ?? string.Empty))).ToList();
        var exited = standIns.Where(s => s.StandIn?.ExitCode is not null && !runtime.BackOff.ContainsKey(s.Container.Str("name") ?? string.Empty)).ToList();
        var allExited = exited.Count == standIns.Count && standIns.Count > 0 && pod.Str("spec", "restartPolicy") is "Never" or "OnFailure";
        var next = pod.Clone();
        var status = next.Child("status");
        var nodeIp = NodeIp(pod.Str("spec", "nodeName")!);
        status["hostIP"] = nodeIp;
        status["hostIPs"] = new JsonArray(new JsonObject { ["ip"] = nodeIp });
        status["podIP"] = runtime.PodIp;
        status["podIPs"] = new JsonArray(new JsonObject { ["ip"] = runtime.PodIp });
        status["startTime"] ??= JsonNodes.Rfc3339(runtime.SeenAt);
        var startedAt = JsonNodes.Rfc3339(runtime.SeenAt + Core.Options.PodStartDelay);
        var statuses = new JsonArray();
        var allReady = true;
        foreach (var (c, standIn) in standIns)
        {
            var name = c.Str("name") ?? string.Empty;
            var image = c.Str("image") ?? string.Empty;
            var cs = new JsonObject
            {
                ["name"] = name,
                ["image"] = image,
                ["imageID"] = ImageId(image),
                ["containerID"] = "containerd://" + Hex(pod.Uid() + name),
                ["restartCount"] = 0,
                ["lastState"] = new JsonObject(),
            };
            cs["restartCount"] = runtime.Restarts.GetValueOrDefault(name);
            if (runtime.BackOff.TryGetValue(name, out var crashed))
            {
                cs["state"] = new JsonObject { ["waiting"] = new JsonObject { ["reason"] = "CrashLoopBackOff", ["message"] = $"back-off {(crashed.Due - crashed.FinishedAt).TotalSeconds:0}s restarting failed container={name} pod={pod.Name()}_{pod.Namespace()}({pod.Uid()})" } };
                cs["lastState"] = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = crashed.ExitCode, ["reason"] = crashed.ExitCode == 0 ? "Completed" : "Error", ["startedAt"] = startedAt, ["finishedAt"] = JsonNodes.Rfc3339(crashed.FinishedAt) } };
                cs["ready"] = false;
                cs["started"] = false;
                allReady = false;
            }
            else if (standIn?.ExitCode is { } code)
            {
                cs["state"] = new JsonObject
                {
                    ["terminated"] = new JsonObject
                    {
                        ["exitCode"] = code,
                        ["reason"] = code == 0 ? "Completed" : "Error",
                        ["startedAt"] = startedAt,
                        ["finishedAt"] = JsonNodes.Rfc3339(now),
                        ["containerID"] = "containerd://" + Hex(pod.Uid() + name),
                    },
                };
                cs["ready"] = false;
                cs["started"] = false;
                allReady = false;
            }
            else
            {
                var ready = probed.GetValueOrDefault(name);
                cs["state"] = new JsonObject { ["running"] = new JsonObject { ["startedAt"] = startedAt } };
                cs["ready"] = ready;
                cs["started"] = true;
                allReady &= ready;
            }

            statuses.Add(cs);
        }

        status["containerStatuses"] = statuses;
        if (pod.Arr("spec", "initContainers") is { Count: > 0 } inits)
        {
            status["initContainerStatuses"] = new JsonArray(inits.OfType<JsonObject>().Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Str("name"),
                ["image"] = c.Str("image"),
                ["imageID"] = ImageId(c.Str("image") ?? string.Empty),
                ["ready"] = true,
                ["restartCount"] = 0,
                ["started"] = false,
                ["state"] = new JsonObject { ["terminated"] = new JsonObject { ["exitCode"] = 0, ["reason"] = "Completed", ["startedAt"] = startedAt, ["finishedAt"] = startedAt } },
            }).ToArray());
        }

        string phase;
        if (allExited)
        {
            phase = exited.All(e => e.StandIn!.ExitCode == 0) ? "Succeeded" : "Failed";
        }
        else
        {
            phase = "Running";
        }

        status["phase"] = phase;
        var readyText = allReady && phase == "Running" ? "True" : "False";
        var reason = readyText == "True" ? null : phase == "Running" ? "ContainersNotReady" : "PodCompleted";
        var message = readyText == "True" || phase != "Running" ? null : $"containers with unready status: [{string.Join(" ", standIns.Where(s => s.StandIn?.IsReady != true).Select(s => s.Container.Str("name")))}]";
        var st = status;
        JsonNodes.SetCondition(st, "PodReadyToStartContainers", phase == "Running" ? "True" : "False", null, null, now, withProbeTime: true);
        JsonNodes.SetCondition(st, "Initialized", "True", phase == "Running" ? null : "PodCompleted", null, now, withProbeTime: true);
        JsonNodes.SetCondition(st, "Ready", readyText, reason, message, now, withProbeTime: true);
        JsonNodes.SetCondition(st, "ContainersReady", readyText, reason, message, now, withProbeTime: true);
        JsonNodes.SetCondition(st, "PodScheduled", "True", null, null, now, withProbeTime: true);
        SortConditions(st);
        Store.Update(Core.Core("pods"), key.Namespace, key.Name, next, Context, "status");
        if (phase == "Running" && (!allReady || pod.Str("spec", "restartPolicy") is "Never" or "OnFailure"))
        {
            EnqueueAfter(key, TimeSpan.FromMilliseconds(Math.Max(50, Math.Min(500, Core.Options.JobRunDuration.TotalMilliseconds / 2))));
        }
    }

    /// <summary>
    /// Readiness as the kubelet sees it: the stand-in is up, and an httpGet readiness probe (path and port of the
    /// container spec) is answered 200-399 by the stand-in itself; exec/tcp/grpc probes count as passing.
    /// </summary>
    private static async Task<bool> ReadyAsync(JsonObject container, IStandIn standIn, CancellationToken ct)
    {
        if (!standIn.IsReady)
        {
            return false;
        }

        if (container.Obj("readinessProbe", "httpGet") is not { } http)
        {
            return true;
        }

        var port = http["port"] is JsonValue pv && JsonNodes.AsLong(pv) is { } n ? (int)n
            : container.Arr("ports")?.OfType<JsonObject>().FirstOrDefault(p => p.Str("name") == http["port"]?.ToString())?.Long("containerPort") is { } named ? (int)named : 0;
        var context = new DefaultHttpContext();
        context.Request.Method = "GET";
        context.Request.Path = http.Str("path") ?? "/";
        context.Request.Headers.UserAgent = "kube-probe/1.32";
        foreach (var header in http.Arr("httpHeaders")?.OfType<JsonObject>() ?? [])
        {
            context.Request.Headers[header.Str("name") ?? "X"] = header.Str("value");
        }

        context.Response.Body = new MemoryStream();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(TimeSpan.FromSeconds(container.Long("readinessProbe", "timeoutSeconds") ?? 1));
            return await standIn.ServeAsync(context, port, (http.Str("path") ?? "/"), timeout.Token) && context.Response.StatusCode is >= 200 and < 400;
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException or IOException)
        {
            return false;
        }
    }

    private static void SortConditions(JsonObject status)
    {
        var order = new[] { "PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled" };
        if (status["conditions"] is JsonArray conditions)
        {
            var sorted = conditions.OfType<JsonObject>().OrderBy(c => Array.IndexOf(order, c.Str("type")) is var i && i < 0 ? 99 : i).Select(c => c.DeepClone()).ToArray();
            status["conditions"] = new JsonArray(sorted);
        }
    }

    private void ImagePullFailure(ControllerKey key, JsonObject pod, PodRuntime runtime, JsonObject container, DateTimeOffset now)
    {
        var image = container.Str("image") ?? string.Empty;
        var fieldPath = $"spec.containers{{{container.Str("name")}}}";
        var detail = $"failed to pull and unpack image \"{Qualified(image)}\": failed to resolve reference \"{Qualified(image)}\": {Qualified(image)}: not found";
        if (runtime.PullFailedAt is null)
        {
            runtime.PullFailedAt = now;
            Record(pod, runtime, "Pulling", $"Pulling image \"{image}\"", fieldPath: fieldPath);
            Record(pod, runtime, "Failed", $"Failed to pull image \"{image}\": {detail}", warning: true, fieldPath: fieldPath);
            Record(pod, runtime, "Failed", "Error: ErrImagePull", warning: true, fieldPath: fieldPath);
            SetWaiting(key, pod, "ErrImagePull", $"failed to pull and unpack image \"{Qualified(image)}\": not found", now, container.Str("name"));
            EnqueueAfter(key, TimeSpan.FromSeconds(1));
            return;
        }

        Record(pod, runtime, "BackOff", $"Back-off pulling image \"{image}\"", fieldPath: fieldPath);
        Record(pod, runtime, "Failed", "Error: ImagePullBackOff", warning: true, fieldPath: fieldPath);
        SetWaiting(key, pod, "ImagePullBackOff", $"Back-off pulling image \"{image}\": ErrImagePull: failed to pull and unpack image \"{Qualified(image)}\": not found", now, container.Str("name"));
    }

    private void SetWaiting(ControllerKey key, JsonObject pod, string reason, string? message, DateTimeOffset now, string? onlyContainer = null)
    {
        var next = pod.Clone();
        var status = next.Child("status");
        status["phase"] = "Pending";
        status["hostIP"] = NodeIp(pod.Str("spec", "nodeName")!);
        status["startTime"] ??= JsonNodes.Rfc3339(now);
        var statuses = new JsonArray();
        foreach (var c in pod.Arr("spec", "containers")?.OfType<JsonObject>() ?? [])
        {
            var waiting = new JsonObject { ["reason"] = onlyContainer is null || c.Str("name") == onlyContainer ? reason : "ContainerCreating" };
            if (message is not null && (onlyContainer is null || c.Str("name") == onlyContainer))
            {
                waiting["message"] = message;
            }

            statuses.Add(new JsonObject
            {
                ["name"] = c.Str("name"),
                ["image"] = c.Str("image"),
                ["imageID"] = string.Empty,
                ["ready"] = false,
                ["restartCount"] = 0,
                ["started"] = false,
                ["lastState"] = new JsonObject(),
                ["state"] = new JsonObject { ["waiting"] = waiting },
            });
        }

        status["containerStatuses"] = statuses;
        var notReady = $"containers with unready status: [{string.Join(" ", pod.Arr("spec", "containers")?.OfType<JsonObject>().Select(c => c.Str("name")) ?? [])}]";
        JsonNodes.SetCondition(status, "PodReadyToStartContainers", "False", null, null, now, withProbeTime: true);
        JsonNodes.SetCondition(status, "Initialized", "True", null, null, now, withProbeTime: true);
        JsonNodes.SetCondition(status, "Ready", "False", "ContainersNotReady", notReady, now, withProbeTime: true);
        JsonNodes.SetCondition(status, "ContainersReady", "False", "ContainersNotReady", notReady, now, withProbeTime: true);
        JsonNodes.SetCondition(status, "PodScheduled", "True", null, null, now, withProbeTime: true);
        SortConditions(status);
        Store.Update(Core.Core("pods"), key.Namespace, key.Name, next, Context, "status");
    }

    private async Task TerminateAsync(ControllerKey key, JsonObject pod, PodRuntime runtime, DateTimeOffset now)
    {
        runtime.DeletingSeenAt ??= now;
        var grace = TimeSpan.FromSeconds(pod.Long("metadata", "deletionGracePeriodSeconds") ?? 0);
        var wait = grace < Core.Options.PodStopDelay ? grace : Core.Options.PodStopDelay;
        var due = runtime.DeletingSeenAt.Value + wait;
        if (now < due)
        {
            if (runtime.Recorded.Add("Killing"))
            {
                foreach (var c in pod.Arr("spec", "containers")?.OfType<JsonObject>() ?? [])
                {
                    Core.Events.Record(pod, "Normal", "Killing", $"Stopping container {c.Str("name")}", Name, $"spec.containers{{{c.Str("name")}}}");
                }
            }

            EnqueueAfter(key, due - now);
            return;
        }

        await Core.StandIns.StopPodAsync(pod.Uid());
        Store.ForceRemove(Core.Core("pods"), key.Namespace, key.Name, pod.Uid());
    }

    private void Record(JsonObject pod, PodRuntime runtime, string reason, string message, bool warning = false, string? fieldPath = null)
    {
        if (runtime.Recorded.Add(reason + "|" + message))
        {
            Core.Events.Record(pod, warning ? "Warning" : "Normal", reason, message, Name, fieldPath);
        }
    }

    private string AllocateIp(string nodeName)
    {
        var nodes = Store.ListRaw(new GroupResource(string.Empty, "nodes")).Select(n => n.Name()).ToList();
        var index = Math.Max(0, nodes.IndexOf(nodeName));
        var n = nextIp.AddOrUpdate(nodeName, 2, (_, v) => v + 1);
        return string.Create(CultureInfo.InvariantCulture, $"10.42.{index}.{n % 250 + 2}");
    }

    private string NodeIp(string nodeName) =>
        Core.Objects.Get(new GroupResource(string.Empty, "nodes"), null, nodeName)?.Arr("status", "addresses")?.OfType<JsonObject>().FirstOrDefault(a => a.Str("type") == "InternalIP")?.Str("address") ?? "10.0.0.10";

    private static string Qualified(string image)
    {
        var name = image;
        if (!name.Contains('/', StringComparison.Ordinal))
        {
            name = "docker.io/library/" + name;
        }
        else if (!name.Split('/')[0].Contains('.', StringComparison.Ordinal) && !name.Split('/')[0].Contains(':', StringComparison.Ordinal))
        {
            name = "docker.io/" + name;
        }

        return KindDefaults.ImageTag(image) is null ? name + ":latest" : name;
    }

    private static string ImageId(string image) => Qualified(image).Split(':')[0] + "@sha256:" + Hex(image) + Hex(image + "#");

    private static string Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..32];
}
