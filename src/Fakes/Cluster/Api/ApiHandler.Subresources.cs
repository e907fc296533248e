using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;
using PlatformValidation.Fakes.Cluster.Storage;

namespace PlatformValidation.Fakes.Cluster.Api;

/// <summary>Subresources: status, scale, log, proxy, portforward, binding, eviction, finalize, token.</summary>
public sealed partial class ApiHandler
{
    private async Task SubresourceAsync(HttpContext context, string method, RequestInfo info, ResourceType type, string sub, CancellationToken ct)
    {
        var ns = type.Namespaced ? info.Namespace : null;
        var name = info.Name ?? throw StatusErrors.UnknownResource();
        switch (sub)
        {
            case "status" when type.HasStatus:
                await StatusAsync(context, method, type, ns, name, ct);
                return;
            case "scale" when type.Scale is not null:
                await ScaleAsync(context, method, type, ns, name, ct);
                return;
            case "log" when type.ExtraSubresources.Contains("log") && method == "GET":
                await core.PodLogs.ServeAsync(context, Store.Get(type, ns, name), ct);
                return;
            case "proxy" when type.ExtraSubresources.Contains("proxy"):
                await core.Proxy.ServeAsync(context, type, ns, name, info.Rest, ct);
                return;
            case "binding" when type.Kind == "Pod" && method == "POST":
                {
                    var body = await ReadObjectAsync(context, ct);
                    var node = body.Str("target", "name") ?? throw StatusErrors.BadRequest("target.name is required");
                    var ctx = Context(context);
                    var pod = Store.Get(type, ns, name);
                    if (!string.IsNullOrEmpty(pod.Str("spec", "nodeName")))
                    {
                        throw StatusErrors.Conflict(type, name, $"pod {name} is already assigned to node \"{pod.Str("spec", "nodeName")}\"");
                    }

                    var bound = pod.Clone();
                    bound.Child("spec")["nodeName"] = node;
                    Store.Update(type, ns, name, bound, ctx);
                    await HttpJson.WriteAsync(context, 201, SuccessStatus(), cancellationToken: ct);
                    return;
                }

            case "eviction" when type.Kind == "Pod" && method == "POST":
                {
                    var result = Store.Delete(type, ns, name, new DeleteOptions());
                    _ = result;
                    await HttpJson.WriteAsync(context, 201, SuccessStatus(), cancellationToken: ct);
                    return;
                }

            case "finalize" when type.Kind == "Namespace" && method == "PUT":
                {
                    var body = await ReadObjectAsync(context, ct);
                    var result = core.Namespaces.Finalize(name, body.Arr("spec", "finalizers"));
                    await HttpJson.WriteAsync(context, 200, result, cancellationToken: ct);
                    return;
                }

            case "token" when type.Kind == "ServiceAccount" && method == "POST":
                {
                    Store.Get(type, ns, name);
                    var body = await ReadObjectAsync(context, ct);
                    var expiry = body.Long("spec", "expirationSeconds") ?? 3600;
                    var response = body.Clone();
                    response["apiVersion"] = "authentication.k8s.io/v1";
                    response["kind"] = "TokenRequest";
                    response["status"] = new JsonObject
                    {
                        ["token"] = "sim-sa-" + Guid.NewGuid().ToString("N"),
                        ["expirationTimestamp"] = JsonNodes.Rfc3339(core.Time.GetUtcNow().AddSeconds(expiry)),
                    };
                    await HttpJson.WriteAsync(context, 201, response, cancellationToken: ct);
                    return;
                }

            case "ephemeralcontainers" or "resize" when type.Kind == "Pod":
                if (method == "GET")
                {
                    await WriteObjectAsync(context, 200, type, Store.Get(type, ns, name), ct);
                }
                else if (method == "PATCH")
                {
                    await PatchAsync(context, type, ns, name, null, ct);
                }
                else
                {
                    var body = await ReadObjectAsync(context, ct);
                    await WriteObjectAsync(context, 200, type, Store.Update(type, ns, name, body, Context(context)), ct);
                }

                return;
            case "approval" when type.Kind == "CertificateSigningRequest":
                await StatusAsync(context, method, type, ns, name, ct);
                return;
            case "portforward" when type.Kind == "Pod" && method is "GET" or "POST":
                await core.PortForward.ServeAsync(context, Store.Get(type, ns, name), ct);
                return;
            case "exec" or "attach" or "portforward":
                throw new ApiException(400, "BadRequest", $"the simulated cluster does not support {sub}: its containers are in-process stand-ins without a shell");
            default:
                throw StatusErrors.UnknownResource();
        }
    }

    private async Task StatusAsync(HttpContext context, string method, ResourceType type, string? ns, string name, CancellationToken ct)
    {
        switch (method)
        {
            case "GET":
                await WriteObjectAsync(context, 200, type, Store.Get(type, ns, name), ct);
                return;
            case "PUT":
                {
                    var ctx = Context(context);
                    var body = await ReadObjectAsync(context, ct);
                    var updated = Store.Update(type, ns, name, body, ctx, "status");
                    await WriteWithWarningsAsync(context, 200, type, updated, ctx, ct);
                    return;
                }

            case "PATCH":
                await PatchAsync(context, type, ns, name, "status", ct);
                return;
            default:
                throw StatusErrors.MethodNotAllowed();
        }
    }

    private async Task ScaleAsync(HttpContext context, string method, ResourceType type, string? ns, string name, CancellationToken ct)
    {
        var scale = type.Scale!;
        switch (method)
        {
            case "GET":
                await HttpJson.WriteAsync(context, 200, Scale.ToScale(type, Store.Get(type, ns, name), scale), cancellationToken: ct);
                return;
            case "PUT":
                {
                    var ctx = Context(context);
                    var body = await ReadObjectAsync(context, ct);
                    var result = Scale.Update(Store, type, ns, name, body, ctx);
                    await HttpJson.WriteAsync(context, 200, result, cancellationToken: ct);
                    return;
                }

            case "PATCH":
                {
                    var ctx = Context(context);
                    var patchType = ResourceStore.PatchTypeFor(context.Request.ContentType ?? string.Empty) ?? throw StatusErrors.UnsupportedMediaType(context.Request.ContentType ?? string.Empty);
                    var text = await ReadTextAsync(context, ct);
                    var patch = ResourceStore.ParsePatchBody(patchType, text);
                    var result = Scale.Patch(Store, type, ns, name, patchType, patch, ctx);
                    await HttpJson.WriteAsync(context, 200, result, cancellationToken: ct);
                    return;
                }

            default:
                throw StatusErrors.MethodNotAllowed();
        }
    }

    private static JsonObject SuccessStatus() => new()
    {
        ["kind"] = "Status",
        ["apiVersion"] = "v1",
        ["metadata"] = new JsonObject(),
        ["status"] = "Success",
        ["code"] = 201,
    };

    internal static string Format(long n) => n.ToString(CultureInfo.InvariantCulture);
}
