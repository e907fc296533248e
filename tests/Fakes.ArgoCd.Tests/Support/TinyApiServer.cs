using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;

namespace PlatformValidation.Fakes.ArgoCd.Tests.Support;

/// <summary>
/// A deliberately small Kubernetes-API-shaped server (HttpListener on 127.0.0.1) used only until the "cluster"
/// helper's SimulatedCluster lands: discovery, CRUD, list/watch, json/merge/apply patches, finalizers, CRDs that
/// register kinds. No workload controllers: tests write status themselves.
/// </summary>
internal sealed class TinyApiServer : IAsyncDisposable
{
    private sealed record Kind(string Group, string Version, string Name, string Plural, bool Namespaced, bool StatusSubresource);

    private readonly HttpListener listener = new();
    private readonly Lock gate = new();
    private readonly List<Kind> kinds =
    [
        new("", "v1", "Namespace", "namespaces", false, true),
        new("", "v1", "ConfigMap", "configmaps", true, false),
        new("", "v1", "Secret", "secrets", true, false),
        new("", "v1", "Service", "services", true, true),
        new("", "v1", "Pod", "pods", true, true),
        new("", "v1", "ServiceAccount", "serviceaccounts", true, false),
        new("apps", "v1", "Deployment", "deployments", true, true),
        new("batch", "v1", "Job", "jobs", true, true),
        new("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false, false),
        new("apiextensions.k8s.io", "v1", "CustomResourceDefinition", "customresourcedefinitions", false, true),
    ];

    private readonly Dictionary<string, Dictionary<(string, string), JsonObject>> store = [];
    private readonly List<(long Rv, string Plural, string Type, JsonObject Obj)> log = [];
    private readonly List<(string Key, Channel<string> Channel)> watchers = [];
    private readonly CancellationTokenSource stop = new();
    private long rv = 1;
    private Task? loop;

    public Uri Uri { get; private set; } = null!;

    public long Requests;

    public static TinyApiServer Start()
    {
        var s = new TinyApiServer();
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        s.Uri = new Uri($"http://127.0.0.1:{port}/");
        s.listener.Prefixes.Add(s.Uri.ToString());
        s.listener.Start();
        s.loop = Task.Run(s.AcceptAsync);
        return s;
    }

    public k8s.Kubernetes CreateClient() => new(new k8s.KubernetesClientConfiguration { Host = Uri.ToString().TrimEnd('/') });

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            HttpListenerContext c;
            try
            {
                c = await listener.GetContextAsync().ConfigureAwait(false);
            }
            catch (Exception) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpListenerException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(c));
        }
    }

    private async Task HandleAsync(HttpListenerContext c)
    {
        Interlocked.Increment(ref Requests);
        try
        {
            var path = c.Request.Url!.AbsolutePath.TrimEnd('/');
            var body = c.Request.HasEntityBody ? await new StreamReader(c.Request.InputStream).ReadToEndAsync().ConfigureAwait(false) : null;
            if (path == "/api")
            {
                await Reply(c, 200, new JsonObject { ["versions"] = new JsonArray("v1") }).ConfigureAwait(false);
                return;
            }

            if (path == "/apis")
            {
                var groups = new JsonArray();
                lock (gate)
                {
                    foreach (var g in kinds.Where(k => k.Group.Length > 0).GroupBy(k => k.Group))
                    {
                        var versions = new JsonArray(g.Select(k => k.Version).Distinct().Select(v => (JsonNode)new JsonObject { ["groupVersion"] = $"{g.Key}/{v}", ["version"] = v }).ToArray());
                        groups.Add(new JsonObject { ["name"] = g.Key, ["versions"] = versions });
                    }
                }

                await Reply(c, 200, new JsonObject { ["groups"] = groups }).ConfigureAwait(false);
                return;
            }

            var seg = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
            string group, version;
            int i;
            if (seg[0] == "api")
            {
                (group, version, i) = ("", seg[1], 2);
            }
            else
            {
                (group, version, i) = (seg[1], seg[2], 3);
            }

            if (seg.Length == i)
            {
                JsonArray resources;
                lock (gate)
                {
                    resources = new JsonArray(kinds.Where(k => k.Group == group && k.Version == version).Select(k => (JsonNode)new JsonObject
                    {
                        ["name"] = k.Plural,
                        ["kind"] = k.Name,
                        ["namespaced"] = k.Namespaced,
                        ["verbs"] = new JsonArray("get", "list", "watch", "create", "update", "patch", "delete"),
                    }).ToArray());
                }

                if (resources.Count == 0)
                {
                    await Error(c, 404, "the server could not find the requested resource").ConfigureAwait(false);
                    return;
                }

                await Reply(c, 200, new JsonObject { ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}", ["resources"] = resources }).ConfigureAwait(false);
                return;
            }

            string? ns = null;
            if (seg[i] == "namespaces" && seg.Length > i + 2)
            {
                ns = seg[i + 1];
                i += 2;
            }

            Kind? kind;
            lock (gate)
            {
                kind = kinds.FirstOrDefault(k => k.Group == group && k.Version == version && k.Plural == seg[i]);
            }

            if (kind is null)
            {
                await Error(c, 404, "the server could not find the requested resource").ConfigureAwait(false);
                return;
            }

            var name = seg.Length > i + 1 ? seg[i + 1] : null;
            var sub = seg.Length > i + 2 ? seg[i + 2] : null;
            await Route(c, kind, ns ?? string.Empty, name, sub, body).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpListenerException or IOException or ObjectDisposedException)
        {
            // Client went away.
        }
        catch (Exception e) when (e is InvalidOperationException or System.Text.Json.JsonException or NullReferenceException or KeyNotFoundException)
        {
            await Error(c, 500, "tiny api server: " + e.Message).ConfigureAwait(false);
        }
    }

    private async Task Route(HttpListenerContext c, Kind kind, string ns, string? name, string? sub, string? body)
    {
        var key = $"{kind.Group}/{kind.Plural}";
        var method = c.Request.HttpMethod;
        if (name is null && method == "GET" && c.Request.QueryString["watch"] == "true")
        {
            await Watch(c, key, long.Parse(c.Request.QueryString["resourceVersion"] ?? "0", CultureInfo.InvariantCulture)).ConfigureAwait(false);
            return;
        }

        JsonObject? result;
        int code = 200;
        lock (gate)
        {
            var items = store.TryGetValue(key, out var s) ? s : store[key] = [];
            if (name is null && method == "GET")
            {
                var list = new JsonArray(items.Where(kv => ns.Length == 0 || kv.Key.Item1 == ns).Select(kv => (JsonNode)kv.Value.DeepClone()).ToArray());
                result = new JsonObject { ["kind"] = kind.Name + "List", ["apiVersion"] = kind.Group.Length == 0 ? kind.Version : $"{kind.Group}/{kind.Version}", ["metadata"] = new JsonObject { ["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture) }, ["items"] = list };
            }
            else if (name is null && method == "POST")
            {
                var obj = JsonNode.Parse(body!)!.AsObject();
                var n = obj["metadata"]!["name"]!.GetValue<string>();
                if (items.ContainsKey((ns, n)))
                {
                    result = null;
                    code = 409;
                }
                else
                {
                    obj["metadata"]!["uid"] = Guid.NewGuid().ToString();
                    obj["metadata"]!["creationTimestamp"] = DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                    obj["metadata"]!["generation"] = 1;
                    if (kind.Namespaced)
                    {
                        obj["metadata"]!["namespace"] = ns;
                    }

                    result = Write(key, kind, items, (ns, n), obj, "ADDED");
                    code = 201;
                }
            }
            else if (!items.TryGetValue((ns, name!), out var existing))
            {
                result = null;
                code = 404;
            }
            else if (method == "GET")
            {
                result = (JsonObject)existing.DeepClone();
            }
            else if (method == "DELETE")
            {
                if ((existing["metadata"]!["finalizers"] as JsonArray)?.Count > 0)
                {
                    var copy = (JsonObject)existing.DeepClone();
                    copy["metadata"]!["deletionTimestamp"] ??= DateTime.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                    result = Write(key, kind, items, (ns, name!), copy, "MODIFIED");
                }
                else
                {
                    items.Remove((ns, name!));
                    Emit(key, "DELETED", existing);
                    result = existing;
                }
            }
            else
            {
                JsonObject updated;
                if (method == "PUT")
                {
                    updated = JsonNode.Parse(body!)!.AsObject();
                }
                else
                {
                    var type = c.Request.ContentType ?? string.Empty;
                    updated = (JsonObject)existing.DeepClone();
                    if (type.StartsWith("application/json-patch", StringComparison.Ordinal))
                    {
                        if (!ApplyJsonPatch(updated, JsonNode.Parse(body!)!.AsArray()))
                        {
                            result = null;
                            code = 422;
                            goto done;
                        }
                    }
                    else
                    {
                        Merge(updated, JsonNode.Parse(body!)!.AsObject());
                    }
                }

                if (kind.StatusSubresource && sub is null)
                {
                    updated["status"] = existing["status"]?.DeepClone();
                }
                else if (sub == "status")
                {
                    var s2 = updated["status"]?.DeepClone();
                    updated = (JsonObject)existing.DeepClone();
                    updated["status"] = s2;
                }

                foreach (var f in new[] { "uid", "creationTimestamp", "deletionTimestamp" })
                {
                    if (existing["metadata"]![f] is { } v)
                    {
                        updated["metadata"]![f] = v.DeepClone();
                    }
                    else
                    {
                        updated["metadata"]!.AsObject().Remove(f);
                    }
                }

                if (!JsonNode.DeepEquals(Strip(updated), Strip(existing)))
                {
                    if (!JsonNode.DeepEquals(updated["spec"], existing["spec"]))
                    {
                        updated["metadata"]!["generation"] = long.Parse(existing["metadata"]!["generation"]?.ToJsonString() ?? "1", CultureInfo.InvariantCulture) + 1;
                    }
                    else
                    {
                        updated["metadata"]!["generation"] = existing["metadata"]!["generation"]?.DeepClone();
                    }

                    if (updated["metadata"]!["deletionTimestamp"] is not null && (updated["metadata"]!["finalizers"] as JsonArray is not { Count: > 0 }))
                    {
                        items.Remove((ns, name!));
                        Emit(key, "DELETED", updated);
                        result = updated;
                    }
                    else
                    {
                        result = Write(key, kind, items, (ns, name!), updated, "MODIFIED");
                    }
                }
                else
                {
                    result = existing;
                }
            }

        done:
            if (result is not null && kind.Name == "CustomResourceDefinition" && method == "POST")
            {
                var spec = result["spec"]!;
                foreach (var v in spec["versions"]!.AsArray())
                {
                    kinds.Add(new Kind(spec["group"]!.GetValue<string>(), v!["name"]!.GetValue<string>(), spec["names"]!["kind"]!.GetValue<string>(), spec["names"]!["plural"]!.GetValue<string>(), spec["scope"]!.GetValue<string>() == "Namespaced", v["subresources"]?["status"] is not null));
                }

                var established = (JsonObject)result.DeepClone();
                established["status"] = JsonNode.Parse("""{"conditions":[{"type":"Established","status":"True"},{"type":"NamesAccepted","status":"True"}]}""");
                result = Write(key, kind, items, ("", result["metadata"]!["name"]!.GetValue<string>()), established, "MODIFIED");
            }
        }

        if (result is null)
        {
            await Error(c, code, code == 404 ? "not found" : code == 409 ? "already exists" : "patch test failed").ConfigureAwait(false);
        }
        else
        {
            await Reply(c, code, result).ConfigureAwait(false);
        }
    }

    private static JsonObject Strip(JsonObject o)
    {
        var c = (JsonObject)o.DeepClone();
        (c["metadata"] as JsonObject)?.Remove("resourceVersion");
        (c["metadata"] as JsonObject)?.Remove("generation");
        return c;
    }

    private JsonObject Write(string key, Kind kind, Dictionary<(string, string), JsonObject> items, (string, string) id, JsonObject obj, string type)
    {
        obj["apiVersion"] = kind.Group.Length == 0 ? kind.Version : $"{kind.Group}/{kind.Version}";
        obj["kind"] = kind.Name;
        obj["metadata"]!["resourceVersion"] = (++rv).ToString(CultureInfo.InvariantCulture);
        items[id] = obj;
        Emit(key, type, obj);
        return (JsonObject)obj.DeepClone();
    }

    private void Emit(string key, string type, JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        if (type == "DELETED")
        {
            copy["metadata"]!["resourceVersion"] = (++rv).ToString(CultureInfo.InvariantCulture);
        }

        log.Add((rv, key, type, copy));
        var line = new JsonObject { ["type"] = type, ["object"] = copy.DeepClone() }.ToJsonString();
        foreach (var w in watchers.Where(w => w.Key == key))
        {
            w.Channel.Writer.TryWrite(line);
        }
    }

    private async Task Watch(HttpListenerContext c, string key, long since)
    {
        var channel = Channel.CreateUnbounded<string>();
        lock (gate)
        {
            foreach (var e in log.Where(e => e.Plural == key && e.Rv > since))
            {
                channel.Writer.TryWrite(new JsonObject { ["type"] = e.Type, ["object"] = e.Obj.DeepClone() }.ToJsonString());
            }

            watchers.Add((key, channel));
        }

        c.Response.StatusCode = 200;
        c.Response.SendChunked = true;
        c.Response.ContentType = "application/json";
        try
        {
            await foreach (var line in channel.Reader.ReadAllAsync(stop.Token).ConfigureAwait(false))
            {
                var bytes = Encoding.UTF8.GetBytes(line + "\n");
                await c.Response.OutputStream.WriteAsync(bytes, stop.Token).ConfigureAwait(false);
                await c.Response.OutputStream.FlushAsync(stop.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or HttpListenerException or IOException or ObjectDisposedException)
        {
            // Done.
        }
        finally
        {
            lock (gate)
            {
                watchers.RemoveAll(w => w.Channel == channel);
            }

            try
            {
                c.Response.Close();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                // Gone.
            }
        }
    }

    private static bool ApplyJsonPatch(JsonObject target, JsonArray ops)
    {
        foreach (var op in ops.OfType<JsonObject>())
        {
            var path = op["path"]!.GetValue<string>().Split('/').Skip(1).Select(p => p.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToList();
            JsonNode? parent = target;
            for (var j = 0; j < path.Count - 1; j++)
            {
                parent = parent?[path[j]];
            }

            var last = path[^1];
            switch (op["op"]!.GetValue<string>())
            {
                case "test":
                    if (!JsonNode.DeepEquals(parent?[last], op["value"]))
                    {
                        return false;
                    }

                    break;
                case "add" or "replace":
                    if (parent is not JsonObject po)
                    {
                        return false;
                    }

                    po[last] = op["value"]?.DeepClone();
                    break;
                case "remove":
                    if (parent is not JsonObject ro || !ro.Remove(last))
                    {
                        return false;
                    }

                    break;
            }
        }

        return true;
    }

    private static void Merge(JsonObject target, JsonObject patch)
    {
        foreach (var (k, v) in patch)
        {
            if (v is null)
            {
                target.Remove(k);
            }
            else if (v is JsonObject po && target[k] is JsonObject to)
            {
                Merge(to, po);
            }
            else
            {
                target[k] = v.DeepClone();
            }
        }
    }

    private static Task Reply(HttpListenerContext c, int code, JsonNode body)
    {
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        c.Response.StatusCode = code;
        c.Response.ContentType = "application/json";
        c.Response.ContentLength64 = bytes.Length;
        c.Response.OutputStream.Write(bytes);
        c.Response.Close();
        return Task.CompletedTask;
    }

    private static Task Error(HttpListenerContext c, int code, string message) =>
        Reply(c, code, new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["status"] = "Failure", ["message"] = message, ["code"] = code });

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync().ConfigureAwait(false);
        listener.Stop();
        listener.Close();
        if (loop is not null)
        {
            await loop.ConfigureAwait(false);
        }
    }
}
