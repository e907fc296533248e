using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;
using PlatformValidation.Fakes.Cluster.Storage;

namespace PlatformValidation.Fakes.Cluster.Api;

/// <summary>WATCH: a chunked stream of JSON watch events, with initial state, bookmarks, selectors and 410 Expired.</summary>
public sealed partial class ApiHandler
{
    private async Task WatchAsync(HttpContext context, ResourceType type, string? ns, string? name, CancellationToken ct)
    {
        Verb(type, "watch");
        var q = context.Request.Query;
        var options = ListOptionsFrom(q);
        var labels = ResourceStore.ParseLabelSelector(options.LabelSelector);
        var fields = FieldSelector.Parse(options.FieldSelector, type);
        var bookmarks = q["allowWatchBookmarks"].ToString() is "true" or "1";
        var sendInitial = q["sendInitialEvents"].ToString() is "true" or "1";
        if (sendInitial && options.ResourceVersionMatch != "NotOlderThan")
        {
            throw StatusErrors.Invalid(type, string.Empty, [FieldError.Forbidden("resourceVersionMatch", "sendInitialEvents requires setting resourceVersionMatch to NotOlderThan")]);
        }

        var timeout = TimeSpan.FromMinutes(30);
        if (q["timeoutSeconds"].ToString() is { Length: > 0 } ts && long.TryParse(ts, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            timeout = TimeSpan.FromSeconds(Math.Min(seconds, 3600));
        }

        var shape = MediaTypes.Negotiate(context.Request.Headers.Accept.ToString());
        bool Matches(JsonObject o) => (ns is null || o.Namespace() == ns) && (name is null || o.Name() == name) && labels.Matches(o) && fields.Matches(o, type);

        if (sendInitial)
        {
            // A watch-list at a resourceVersion the store has not reached waits, then ends with one ERROR event
            // (cacher.waitUntilWatchCacheFreshAndForceAllEvents → newErrWatcher). A plain watch at a future version
            // is established and stays quiet until the store passes it, as the watch cache does.
            try
            {
                await WaitForResourceVersionAsync(ParseResourceVersion(options.ResourceVersion), ct);
            }
            catch (ApiException e) when (e.Code == 504)
            {
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/json";
                await WriteLineAsync(context, new JsonObject { ["type"] = "ERROR", ["object"] = e.ToStatus() }, ct);
                return;
            }
        }

        var initial = new List<JsonObject>();
        WatchSubscription subscription;
        List<StoreEvent> backlog;
        long startRv;
        var rvText = options.ResourceVersion;
        var storage = type.StorageResource;
        ApiException? expired = null;
        lock (Store.Objects.Gate)
        {
            startRv = Store.Objects.CurrentResourceVersion;
            var fromState = string.IsNullOrEmpty(rvText) || rvText == "0" || sendInitial;
            if (fromState)
            {
                foreach (var o in Store.Objects.List(storage, type.Namespaced ? ns : null).Items)
                {
                    if (Matches(o))
                    {
                        initial.Add(o);
                    }
                }

                subscription = Store.Objects.Subscribe(storage, startRv, out backlog);
            }
            else
            {
                if (!long.TryParse(rvText, NumberStyles.None, CultureInfo.InvariantCulture, out var from))
                {
                    throw StatusErrors.BadRequest($"invalid resource version: strconv.ParseUint: parsing \"{rvText}\": invalid syntax");
                }

                try
                {
                    subscription = Store.Objects.Subscribe(storage, from, out backlog);
                }
                catch (ApiException e) when (e.Code == 410)
                {
                    subscription = null!;
                    backlog = [];
                    expired = e;
                }
            }
        }

        if (expired is not null)
        {
            // The watch cache answers a too-old resourceVersion with a 200 stream holding one ERROR event (410 Expired).
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            await WriteLineAsync(context, new JsonObject { ["type"] = "ERROR", ["object"] = expired.ToStatus() }, ct);
            return;
        }

        using (subscription)
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/json";
            context.Response.Headers.CacheControl = "no-cache, private";
            await context.Response.StartAsync(ct);
            var watch = core.Faults.BeginWatch();
            using var timeoutCts = CancellationTokenSource.CreateLinkedTokenSource(ct, core.Stopping);
            timeoutCts.CancelAfter(timeout);
            var token = timeoutCts.Token;
            var lastRv = startRv;
            try
            {
                foreach (var o in initial)
                {
                    await SendAsync(context, "ADDED", Store.View(type, o), type, shape, token);
                    if (watch.Count())
                    {
                        return;
                    }
                }

                if (sendInitial && bookmarks)
                {
                    await SendBookmarkAsync(context, type, startRv, initialEnd: true, token);
                }

                foreach (var e in backlog)
                {
                    lastRv = e.ResourceVersion;
                    if (await DeliverAsync(context, e, type, shape, Matches, token) && watch.Count())
                    {
                        return;
                    }
                }

                var bookmarkInterval = core.Options.BookmarkInterval;
                while (!token.IsCancellationRequested)
                {
                    using var waitCts = CancellationTokenSource.CreateLinkedTokenSource(token);
                    waitCts.CancelAfter(bookmarks ? bookmarkInterval : TimeSpan.FromMinutes(10));
                    if (watch.Remaining is { } remaining)
                    {
                        waitCts.CancelAfter(remaining);
                    }

                    StoreEvent? next = null;
                    try
                    {
                        if (await subscription.Reader.WaitToReadAsync(waitCts.Token))
                        {
                            subscription.Reader.TryRead(out next);
                        }
                        else
                        {
                            return;
                        }
                    }
                    catch (OperationCanceledException) when (!token.IsCancellationRequested)
                    {
                        if (watch.Expired)
                        {
                            return;
                        }

                        if (bookmarks)
                        {
                            await SendBookmarkAsync(context, type, Math.Max(lastRv, Store.Objects.CurrentResourceVersion), false, token);
                        }

                        continue;
                    }

                    if (next is null)
                    {
                        continue;
                    }

                    lastRv = next.ResourceVersion;
                    if (await DeliverAsync(context, next, type, shape, Matches, token) && watch.Count())
                    {
                        return;
                    }
                }
            }
            catch (OperationCanceledException)
            {
                // Timeout, server stop or client gone: the stream simply ends, as a real watch does.
            }
            catch (IOException)
            {
                // Client disconnected.
            }
        }
    }

    /// <summary>Sends the event, translating selector crossings into ADDED/DELETED; true when something was sent.</summary>
    private async Task<bool> DeliverAsync(HttpContext context, StoreEvent e, ResourceType type, ResponseShape shape, Func<JsonObject, bool> matches, CancellationToken ct)
    {
        var now = matches(e.Object);
        var before = e.Previous is not null && matches(e.Previous);
        string? wire = e.Type switch
        {
            WatchEventType.Added => now ? "ADDED" : null,
            WatchEventType.Deleted => now || before ? "DELETED" : null,
            _ => now && before ? "MODIFIED" : now ? "ADDED" : before ? "DELETED" : null,
        };
        if (wire is null)
        {
            return false;
        }

        await SendAsync(context, wire, Store.View(type, e.Object), type, shape, ct);
        return true;
    }

    private async Task SendAsync(HttpContext context, string wireType, JsonObject obj, ResourceType type, ResponseShape shape, CancellationToken ct)
    {
        JsonNode payload = shape switch
        {
            ResponseShape.Table => core.Tables.Table(type, [obj], obj.ResourceVersion(), null, IncludeObject(context), watchEvent: true),
            ResponseShape.PartialObjectMetadata => PartialMetadata(obj),
            _ => obj,
        };
        await WriteLineAsync(context, new JsonObject { ["type"] = wireType, ["object"] = payload.DeepClone() }, ct);
    }

    private static async Task SendBookmarkAsync(HttpContext context, ResourceType type, long rv, bool initialEnd, CancellationToken ct)
    {
        var metadata = new JsonObject { ["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture), ["creationTimestamp"] = null };
        if (initialEnd)
        {
            metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        var obj = new JsonObject { ["kind"] = type.Kind, ["apiVersion"] = type.ApiVersion, ["metadata"] = metadata };
        await WriteLineAsync(context, new JsonObject { ["type"] = "BOOKMARK", ["object"] = obj }, ct);
    }

    private static async Task WriteLineAsync(HttpContext context, JsonObject line, CancellationToken ct)
    {
        var bytes = HttpJson.Serialize(line);
        await context.Response.Body.WriteAsync(bytes, ct);
        await context.Response.Body.WriteAsync("\n"u8.ToArray(), ct);
        await context.Response.Body.FlushAsync(ct);
    }
}
