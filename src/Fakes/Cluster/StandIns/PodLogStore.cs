using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http;
using PlatformValidation.Fakes.Cluster.Api;
using PlatformValidation.Fakes.Cluster.Json;

namespace PlatformValidation.Fakes.Cluster.StandIns;

/// <summary>Container logs by pod uid and container: what stand-ins write, served by pods/{name}/log (tail, follow, timestamps).</summary>
public sealed class PodLogStore
{
    private readonly ConcurrentDictionary<(string PodUid, string Container), ContainerLog> logs = new();
    private readonly TimeProvider time;

    public PodLogStore(TimeProvider time) => this.time = time;

    public void Append(string podUid, string container, string line)
    {
        var log = logs.GetOrAdd((podUid, container), _ => new ContainerLog());
        log.Append(new LogLine(time.GetUtcNow(), line));
    }

    public IReadOnlyList<string> Lines(string podUid, string container) =>
        logs.TryGetValue((podUid, container), out var log) ? log.Snapshot().Select(l => l.Text).ToList() : [];

    public void Forget(string podUid)
    {
        foreach (var key in logs.Keys.Where(k => k.PodUid == podUid).ToList())
        {
            if (logs.TryRemove(key, out var log))
            {
                log.Close();
            }
        }
    }

    /// <summary>Serves GET pods/{name}/log with container, follow, tailLines, timestamps, sinceSeconds, limitBytes.</summary>
    public async Task ServeAsync(HttpContext context, JsonObject pod, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(pod);
        var q = context.Request.Query;
        var name = pod.Name();
        var containers = pod.Arr("spec", "containers")?.OfType<JsonObject>().Select(c => c.Str("name") ?? string.Empty).ToList() ?? [];
        var initContainers = pod.Arr("spec", "initContainers")?.OfType<JsonObject>().Select(c => c.Str("name") ?? string.Empty).ToList() ?? [];
        var container = q["container"].ToString();
        if (container.Length == 0)
        {
            if (containers.Count != 1)
            {
                throw StatusErrors.BadRequest($"a container name must be specified for pod {name}, choose one of: [{string.Join(" ", containers)}]" + (initContainers.Count > 0 ? $" or one of the init containers: [{string.Join(" ", initContainers)}]" : string.Empty));
            }

            container = containers[0];
        }
        else if (!containers.Contains(container) && !initContainers.Contains(container))
        {
            throw StatusErrors.BadRequest($"container {container} is not valid for pod {name}");
        }

        var status = pod.Arr("status", "containerStatuses")?.OfType<JsonObject>().FirstOrDefault(c => c.Str("name") == container);
        if (status is null || status.Obj("state", "waiting") is { } && status.Obj("lastState", "terminated") is null)
        {
            var reason = status?.Str("state", "waiting", "reason") ?? "ContainerCreating";
            throw StatusErrors.BadRequest($"container \"{container}\" in pod \"{name}\" is waiting to start: {reason}");
        }

        if (q["previous"].ToString() == "true")
        {
            throw StatusErrors.BadRequest($"previous terminated container \"{container}\" in pod \"{name}\" not found");
        }

        var follow = q["follow"].ToString() == "true";
        var timestamps = q["timestamps"].ToString() == "true";
        long? tail = long.TryParse(q["tailLines"].ToString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var t) ? t : null;
        long? since = long.TryParse(q["sinceSeconds"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s : null;
        long? limitBytes = long.TryParse(q["limitBytes"].ToString(), NumberStyles.None, CultureInfo.InvariantCulture, out var lb) ? lb : null;

        context.Response.StatusCode = 200;
        context.Response.ContentType = "text/plain";
        var log = logs.GetOrAdd((pod.Uid(), container), _ => new ContainerLog());
        var (lines, subscription) = log.Subscribe(follow);
        try
        {
            IEnumerable<LogLine> selected = lines;
            if (since is { } sec)
            {
                var cutoff = time.GetUtcNow().AddSeconds(-sec);
                selected = selected.Where(l => l.Time >= cutoff);
            }

            if (tail is { } tl && tl >= 0)
            {
                var list = selected.ToList();
                selected = list.Skip(Math.Max(0, list.Count - (int)Math.Min(tl, int.MaxValue)));
            }

            long written = 0;
            foreach (var line in selected)
            {
                written += await WriteAsync(context, line, timestamps, cancellationToken);
                if (limitBytes is { } limit && written >= limit)
                {
                    return;
                }
            }

            await context.Response.Body.FlushAsync(cancellationToken);
            if (subscription is null)
            {
                return;
            }

            await foreach (var line in subscription.ReadAllAsync(cancellationToken))
            {
                await WriteAsync(context, line, timestamps, cancellationToken);
                await context.Response.Body.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException)
        {
            // Client stopped following.
        }
        finally
        {
            if (subscription is not null)
            {
                log.Unsubscribe(subscription);
            }
        }
    }

    private static async Task<long> WriteAsync(HttpContext context, LogLine line, bool timestamps, CancellationToken ct)
    {
        var text = (timestamps ? JsonNodes.Rfc3339Micro(line.Time).Replace("Z", "000Z", StringComparison.Ordinal) + " " : string.Empty) + line.Text + "\n";
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        await context.Response.Body.WriteAsync(bytes, ct);
        return bytes.Length;
    }

    private sealed record LogLine(DateTimeOffset Time, string Text);

    private sealed class ContainerLog
    {
        private readonly List<LogLine> lines = [];
        private readonly List<Channel<LogLine>> followers = [];
        private bool closed;

        public void Append(LogLine line)
        {
            lock (lines)
            {
                lines.Add(line);
                if (lines.Count > 10_000)
                {
                    lines.RemoveRange(0, lines.Count - 10_000);
                }

                foreach (var f in followers)
                {
                    f.Writer.TryWrite(line);
                }
            }
        }

        public List<LogLine> Snapshot()
        {
            lock (lines)
            {
                return [.. lines];
            }
        }

        public (List<LogLine> Lines, ChannelReader<LogLine>? Follow) Subscribe(bool follow)
        {
            lock (lines)
            {
                if (!follow || closed)
                {
                    return ([.. lines], null);
                }

                var channel = Channel.CreateUnbounded<LogLine>();
                followers.Add(channel);
                return ([.. lines], channel.Reader);
            }
        }

        public void Unsubscribe(ChannelReader<LogLine> reader)
        {
            lock (lines)
            {
                var c = followers.FirstOrDefault(f => f.Reader == reader);
                if (c is not null)
                {
                    followers.Remove(c);
                }
            }
        }

        public void Close()
        {
            lock (lines)
            {
                closed = true;
                foreach (var f in followers)
                {
                    f.Writer.TryComplete();
                }

                followers.Clear();
            }
        }
    }
}
