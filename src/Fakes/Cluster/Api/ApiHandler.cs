using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;
using PlatformValidation.Fakes.Cluster.Storage;

namespace PlatformValidation.Fakes.Cluster.Api;

/// <summary>Routes every request of the simulated API server: discovery, OpenAPI, resources and subresources.</summary>
public sealed partial class ApiHandler
{
    private readonly ClusterCore core;

    public ApiHandler(ClusterCore core) => this.core = core;

    private ResourceStore Store => core.Store;

    private ResourceRegistry Registry => core.Registry;

    public async Task HandleAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var ct = context.RequestAborted;
        try
        {
            await RouteAsync(context, ct);
        }
        catch (ApiException e)
        {
            LogRejected(context, e);
            if (!context.Response.HasStarted)
            {
                await HttpJson.WriteErrorAsync(context, e, ct);
            }
        }
        catch (BadHttpRequestException e)
        {
            // Kestrel refused the body (too large, malformed chunking, client too slow): a client error, not a crash.
            var error = RequestErrors.FromKestrel(e);
            LogRejected(context, error);
            if (!context.Response.HasStarted)
            {
                await HttpJson.WriteErrorAsync(context, error, ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // Client went away.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // One line, no stack trace: the type, the message and where it was thrown.
            core.Log($"internal error serving {context.Request.Method} {context.Request.Path}: {RequestErrors.OneLine(e)}");
            if (!context.Response.HasStarted)
            {
                await HttpJson.WriteErrorAsync(context, StatusErrors.Internal(e.Message), ct);
            }
        }
    }

    /// <summary>
    /// Bad input is logged as one line naming the request and the reason (never a stack trace). For 422 only the
    /// fields and their cause types are logged: an Invalid message may quote values (a patched Secret, for one).
    /// </summary>
    private void LogRejected(HttpContext context, ApiException e)
    {
        if (e.Code is not (400 or 413 or 415 or 422))
        {
            return;
        }

        var why = e.Details?["causes"] is JsonArray causes && e.Code == 422
            ? "fields " + string.Join(", ", causes.OfType<JsonObject>().Select(c => $"{c.Str("field")} ({c.Str("reason")})"))
            : RequestErrors.Truncate(e.Message, 300);
        core.Log($"rejected {context.Request.Method} {context.Request.Path}: {e.Code} {e.Reason}: {why}");
    }

    private async Task RouteAsync(HttpContext context, CancellationToken ct)
    {
        var path = context.Request.Path.Value ?? "/";
        var method = context.Request.Method;
        switch (path.TrimEnd('/'))
        {
            case "/version":
                await HttpJson.WriteAsync(context, 200, VersionInfo.Document(), cancellationToken: ct);
                return;
            case "/healthz" or "/livez" or "/readyz":
                context.Response.ContentType = "text/plain; charset=utf-8";
                await context.Response.WriteAsync("ok", ct);
                return;
            case "/api":
                await DiscoveryRootAsync(context, core: true, ct);
                return;
            case "/apis":
                await DiscoveryRootAsync(context, core: false, ct);
                return;
            case "/openapi/v2":
                await OpenApiV2Async(context, ct);
                return;
            case "/openapi/v3":
                await HttpJson.WriteAsync(context, 200, core.OpenApi.Index(), cancellationToken: ct);
                return;
            case "":
                await HttpJson.WriteAsync(context, 200, RootPaths(), cancellationToken: ct);
                return;
        }

        if (path.StartsWith("/openapi/v3/", StringComparison.Ordinal))
        {
            var doc = core.OpenApi.Document(path["/openapi/v3/".Length..].TrimEnd('/')) ?? throw StatusErrors.UnknownResource();
            context.Response.Headers.ETag = "\"" + core.Registry.Revision.ToString(CultureInfo.InvariantCulture) + "\"";
            await HttpJson.WriteAsync(context, 200, doc, cancellationToken: ct);
            return;
        }

        var segments = path.Trim('/').Split('/');
        if (segments.Length == 2 && segments[0] == "apis")
        {
            var groupDoc = Discovery.GroupDocument(Registry, segments[1]) ?? throw StatusErrors.UnknownResource();
            await HttpJson.WriteAsync(context, 200, groupDoc, cancellationToken: ct);
            return;
        }

        if ((segments.Length == 2 && segments[0] == "api") || (segments.Length == 3 && segments[0] == "apis"))
        {
            var group = segments[0] == "api" ? string.Empty : segments[1];
            var version = segments[^1];
            var list = Discovery.ResourceList(Registry, group, version) ?? throw StatusErrors.UnknownResource();
            await HttpJson.WriteAsync(context, 200, list, cancellationToken: ct);
            return;
        }

        var info = RequestInfo.Parse(path) ?? throw StatusErrors.UnknownResource();
        var type = Registry.Find(info.Group, info.Version, info.Resource) ?? throw StatusErrors.UnknownResource();
        if (!type.Namespaced && info.Namespace is not null)
        {
            throw StatusErrors.UnknownResource();
        }

        await ResourceAsync(context, method, info, type, ct);
    }

    private async Task DiscoveryRootAsync(HttpContext context, bool core, CancellationToken ct)
    {
        var shape = MediaTypes.Negotiate(context.Request.Headers.Accept.ToString(), allowAggregated: true, allowTable: false);
        if (shape == ResponseShape.AggregatedDiscovery)
        {
            context.Response.Headers.ETag = "\"" + Registry.Revision.ToString(CultureInfo.InvariantCulture) + "\"";
            context.Response.Headers.Vary = "Accept";
            await HttpJson.WriteAsync(context, 200, Discovery.Aggregated(Registry, core), Discovery.AggregatedContentType, ct);
            return;
        }

        var doc = core ? Discovery.ApiVersions(context.Request.Host.Value ?? "127.0.0.1") : Discovery.GroupList(Registry);
        await HttpJson.WriteAsync(context, 200, doc, cancellationToken: ct);
    }

    /// <summary>
    /// /openapi/v2: an empty document. kubectl reads v2 only for client-side validation of kinds the v3 documents do
    /// not cover (a custom resource applied before its CRD); with no definitions it skips that validation and goes
    /// on to report the missing kind, as against a real server. The v3 documents carry the real schemas.
    /// </summary>
    private static async Task OpenApiV2Async(HttpContext context, CancellationToken ct)
    {
        var accept = context.Request.Headers.Accept.ToString();
        if (accept.Contains("protobuf", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";
            context.Response.ContentLength = 0;
            await context.Response.Body.FlushAsync(ct);
            return;
        }

        await HttpJson.WriteAsync(context, 200, new JsonObject
        {
            ["swagger"] = "2.0",
            ["info"] = new JsonObject { ["title"] = "Kubernetes", ["version"] = VersionInfo.GitVersion },
            ["paths"] = new JsonObject(),
            ["definitions"] = new JsonObject(),
        }, cancellationToken: ct);
    }

    private JsonObject RootPaths()
    {
        var paths = new JsonArray("/api", "/api/v1", "/apis", "/healthz", "/livez", "/openapi/v3", "/readyz", "/version");
        foreach (var (group, versions) in Registry.Groups().Where(g => g.Group.Length > 0))
        {
            paths.Add("/apis/" + group);
            foreach (var v in versions)
            {
                paths.Add($"/apis/{group}/{v}");
            }
        }

        return new JsonObject { ["paths"] = paths };
    }

    private async Task ResourceAsync(HttpContext context, string method, RequestInfo info, ResourceType type, CancellationToken ct)
    {
        var q = context.Request.Query;
        var ns = type.Namespaced ? info.Namespace : null;
        if (info.Subresource is { } sub)
        {
            await SubresourceAsync(context, method, info, type, sub, ct);
            return;
        }

        var isWatch = info.WatchPrefix || q["watch"] is { Count: > 0 } w && w.ToString() is "true" or "1";
        switch (method)
        {
            case "GET" when isWatch:
                await WatchAsync(context, type, ns, info.Name, ct);
                return;
            case "GET" when info.Name is not null:
                {
                    Verb(type, "get");
                    await WaitForResourceVersionAsync(ParseResourceVersion(q["resourceVersion"].ToString()), ct);
                    var obj = Store.Get(type, ns, info.Name);
                    await WriteObjectAsync(context, 200, type, obj, ct);
                    return;
                }

            case "GET":
                {
                    Verb(type, "list");
                    var listOptions = ListOptionsFrom(q);
                    if (string.IsNullOrEmpty(listOptions.Continue))
                    {
                        await WaitForResourceVersionAsync(ParseResourceVersion(listOptions.ResourceVersion), ct);
                    }

                    var list = Store.ListItems(type, ns, listOptions);
                    await WriteListAsync(context, type, list, ct);
                    return;
                }

            case "POST" when info.Name is null:
                {
                    Verb(type, "create");
                    if (type.Namespaced && ns is null)
                    {
                        throw StatusErrors.MethodNotAllowed();
                    }

                    var ctx = Context(context);
                    var body = await ReadObjectAsync(context, ct);
                    if (type.CreateOnly)
                    {
                        await HttpJson.WriteAsync(context, 201, Reviews.Answer(type, body, core), cancellationToken: ct);
                        return;
                    }

                    var created = Store.Create(type, ns, body, ctx);
                    await WriteWithWarningsAsync(context, 201, type, created, ctx, ct);
                    return;
                }

            case "PUT" when info.Name is not null:
                {
                    Verb(type, "update");
                    var ctx = Context(context);
                    var body = await ReadObjectAsync(context, ct);
                    var updated = Store.Update(type, ns, info.Name, body, ctx);
                    await WriteWithWarningsAsync(context, 200, type, updated, ctx, ct);
                    return;
                }

            case "PATCH" when info.Name is not null:
                {
                    Verb(type, "patch");
                    await PatchAsync(context, type, ns, info.Name, null, ct);
                    return;
                }

            case "DELETE" when info.Name is not null:
                {
                    Verb(type, "delete");
                    var options = await DeleteOptionsAsync(context, ct);
                    var result = Store.Delete(type, ns, info.Name, options);
                    await HttpJson.WriteAsync(context, result.Pending ? 202 : 200, result.Body, cancellationToken: ct);
                    return;
                }

            case "DELETE":
                {
                    Verb(type, "deletecollection");
                    var options = await DeleteOptionsAsync(context, ct);
                    var result = Store.DeleteCollection(type, ns, ListOptionsFrom(q), options);
                    await HttpJson.WriteAsync(context, 200, result, cancellationToken: ct);
                    return;
                }

            default:
                throw StatusErrors.MethodNotAllowed();
        }
    }

    private static void Verb(ResourceType type, string verb)
    {
        if (!type.Verbs.Contains(verb))
        {
            throw StatusErrors.MethodNotAllowed();
        }
    }

    private async Task PatchAsync(HttpContext context, ResourceType type, string? ns, string name, string? subresource, CancellationToken ct)
    {
        var contentType = context.Request.ContentType ?? string.Empty;
        var patchType = ResourceStore.PatchTypeFor(contentType)
            ?? throw new ApiException(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml{(type.IsCustom ? string.Empty : ", application/strategic-merge-patch+json")}");
        var ctx = Context(context, patchType == PatchType.Apply);
        if (patchType == PatchType.Apply && string.IsNullOrEmpty(ctx.FieldManager))
        {
            throw StatusErrors.BadRequest("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
        }

        if (patchType != PatchType.Apply && ctx.Force)
        {
            throw StatusErrors.BadRequest("PatchOptions.meta.k8s.io \"\" is invalid: force: Forbidden: may not be specified for non-apply patch");
        }

        var text = await ReadTextAsync(context, ct);
        var patch = ResourceStore.ParsePatchBody(patchType, text);
        var existed = Store.TryGet(type, ns, name) is not null;
        var result = Store.Patch(type, ns, name, patchType, patch, ctx, subresource);
        await WriteWithWarningsAsync(context, existed ? 200 : 201, type, result, ctx, ct);
    }

    private static OperationContext Context(HttpContext context, bool apply = false)
    {
        var q = context.Request.Query;
        var dryRun = q["dryRun"].ToString();
        if (dryRun.Length > 0 && dryRun != "All")
        {
            throw StatusErrors.BadRequest($"dryRun: Unsupported value: \"{dryRun}\": supported values: \"All\"");
        }

        var validation = q["fieldValidation"].ToString() switch
        {
            "" => FieldValidation.Warn,
            "Strict" => FieldValidation.Strict,
            "Warn" => FieldValidation.Warn,
            "Ignore" => FieldValidation.Ignore,
            var other => throw StatusErrors.BadRequest($"fieldValidation: Unsupported value: \"{other}\": supported values: \"Ignore\", \"Strict\", \"Warn\""),
        };
        var manager = q["fieldManager"].ToString();
        if (manager.Length > 128)
        {
            throw StatusErrors.BadRequest("fieldManager: Too long: may not be more than 128 bytes");
        }

        return new OperationContext
        {
            DryRun = dryRun == "All",
            FieldManager = manager.Length > 0 ? manager : null,
            FieldValidation = validation,
            UserAgent = context.Request.Headers.UserAgent.ToString(),
            Force = q["force"].ToString() is "true" or "1",
        };
    }

    private static ListOptions ListOptionsFrom(IQueryCollection q)
    {
        long? limit = null;
        if (q["limit"].ToString() is { Length: > 0 } l)
        {
            limit = long.TryParse(l, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) ? parsed : throw StatusErrors.BadRequest($"limit: Invalid value: \"{l}\": must be an integer");
        }

        var rvMatch = q["resourceVersionMatch"].ToString();
        if (rvMatch.Length > 0 && rvMatch is not ("NotOlderThan" or "Exact"))
        {
            throw StatusErrors.BadRequest($"resourceVersionMatch: Unsupported value: \"{rvMatch}\": supported values: \"Exact\", \"NotOlderThan\"");
        }

        return new ListOptions
        {
            LabelSelector = q["labelSelector"].ToString(),
            FieldSelector = q["fieldSelector"].ToString(),
            Limit = limit,
            Continue = q["continue"].ToString() is { Length: > 0 } c ? c : null,
            ResourceVersion = q["resourceVersion"].ToString() is { Length: > 0 } rv ? rv : null,
            ResourceVersionMatch = rvMatch.Length > 0 ? rvMatch : null,
        };
    }

    private async Task<DeleteOptions> DeleteOptionsAsync(HttpContext context, CancellationToken ct)
    {
        var q = context.Request.Query;
        var text = await ReadTextAsync(context, ct);
        JsonObject? body = null;
        if (!string.IsNullOrWhiteSpace(text))
        {
            body = ParseObject(text, context.Request.ContentType);

            // The body decodes into metav1.DeleteOptions (handlers/delete.go): a field of the wrong JSON type is a decode
            // error, answered before anything is deleted, never read as "absent" or as a .NET type error.
            if (Validators.Schema.GoTypeCheck.FirstError(body, typeof(k8s.Models.V1DeleteOptions), "DeleteOptions", string.Empty) is { } decodeError)
            {
                throw StatusErrors.BadRequest(decodeError);
            }
        }

        string? policy = q["propagationPolicy"].ToString() is { Length: > 0 } p ? p : body.Str("propagationPolicy");
        if (policy is null && (q["orphanDependents"].ToString() == "true" || body.Bool("orphanDependents") == true))
        {
            policy = "Orphan";
        }

        long? grace = q["gracePeriodSeconds"].ToString() is { Length: > 0 } g && long.TryParse(g, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var gv) ? gv : body.Long("gracePeriodSeconds");
        var dryRun = q["dryRun"].ToString() == "All" || body?.Arr("dryRun")?.Any(d => d.Str() == "All") == true;
        return new DeleteOptions
        {
            PropagationPolicy = policy,
            GracePeriodSeconds = grace,
            PreconditionUid = body.Str("preconditions", "uid"),
            PreconditionResourceVersion = body.Str("preconditions", "resourceVersion"),
            DryRun = dryRun,
        };
    }

    private static async Task<string> ReadTextAsync(HttpContext context, CancellationToken ct)
    {
        using var buffer = await RequestErrors.ReadBodyAsync(context, ct);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static async Task<JsonObject> ReadObjectAsync(HttpContext context, CancellationToken ct)
    {
        var mediaType = MediaTypeOf(context.Request.ContentType);
        if (mediaType == "application/vnd.kubernetes.protobuf")
        {
            using var buffer = await RequestErrors.ReadBodyAsync(context, ct);
            return Protobuf.ProtobufBody.Decode(buffer.ToArray());
        }

        if (!IsJson(mediaType) && !IsYaml(mediaType))
        {
            // Checked before the body is read, as kube-apiserver negotiates the decoder first.
            throw StatusErrors.UnsupportedMediaType(mediaType);
        }

        var text = await ReadTextAsync(context, ct);
        return ParseObject(text, context.Request.ContentType);
    }

    private static string MediaTypeOf(string? contentType) => (contentType ?? string.Empty).Split(';')[0].Trim().ToLowerInvariant();

    // An absent Content-Type decodes as JSON, the first serializer kube-apiserver offers (negotiation.NegotiateInputSerializer).
    private static bool IsJson(string mediaType) => mediaType is "" or "application/json" or "*/*";

    private static bool IsYaml(string mediaType) => mediaType is "application/yaml" or "application/x-yaml" or "text/yaml";

    private static JsonObject ParseObject(string text, string? contentType)
    {
        var mediaType = MediaTypeOf(contentType);
        if (!IsJson(mediaType) && !IsYaml(mediaType))
        {
            throw StatusErrors.UnsupportedMediaType(mediaType);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw StatusErrors.BadRequest("the body of the request was empty");
        }

        try
        {
            var node = IsYaml(mediaType) ? BodyDecoding.Yaml(text) : BodyDecoding.Json(text);
            return node as JsonObject ?? throw StatusErrors.BadRequest($"couldn't get version/kind; json parse error: json: cannot unmarshal {Describe(node)} into Go value of type struct {{ APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }}");
        }
        catch (JsonException e)
        {
            throw StatusErrors.BadRequest($"couldn't get version/kind; json parse error: {BodyDecoding.DescribeJsonError(e)}");
        }
        catch (Validators.Loading.YamlToJsonException e)
        {
            throw StatusErrors.BadRequest($"error converting YAML to JSON: {BodyDecoding.DescribeYamlError(e)}");
        }
    }

    private static string Describe(JsonNode? node) => node switch
    {
        JsonArray => "array",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => "string",
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => "number",
        JsonValue => "bool",
        _ => "null",
    };

    private async Task WriteWithWarningsAsync(HttpContext context, int status, ResourceType type, JsonObject obj, OperationContext ctx, CancellationToken ct)
    {
        foreach (var warning in ctx.Warnings.Distinct(StringComparer.Ordinal))
        {
            context.Response.Headers.Append("Warning", "299 - \"" + HeaderSafe(warning).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"");
        }

        await WriteObjectAsync(context, status, type, obj, ct);
    }

    /// <summary>
    /// Warning text (it may quote field names from the request) as a header value. Go's net/http turns CR and LF into
    /// spaces and sends the rest as raw UTF-8 (net/http/header.go headerNewlineToSpace); Kestrel writes only printable
    /// ASCII in header values and fails the response otherwise, so every other character becomes '?'.
    /// </summary>
    internal static string HeaderSafe(string text) =>
        string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is '\r' or '\n' ? ' ' : c is >= ' ' and <= '~' ? c : '?';
            }
        });

    private async Task WriteObjectAsync(HttpContext context, int status, ResourceType type, JsonObject obj, CancellationToken ct)
    {
        var shape = MediaTypes.Negotiate(context.Request.Headers.Accept.ToString());
        JsonNode body = shape switch
        {
            ResponseShape.Table => core.Tables.Table(type, [obj], Store.Objects.CurrentResourceVersion, null, IncludeObject(context)),
            ResponseShape.PartialObjectMetadata => PartialMetadata(obj),
            _ => obj,
        };
        await HttpJson.WriteAsync(context, status, body, cancellationToken: ct);
    }

    private async Task WriteListAsync(HttpContext context, ResourceType type, ListResult list, CancellationToken ct)
    {
        var shape = MediaTypes.Negotiate(context.Request.Headers.Accept.ToString());
        if (shape == ResponseShape.Table)
        {
            await HttpJson.WriteAsync(context, 200, core.Tables.Table(type, list.Items, 0, list.Metadata, IncludeObject(context)), cancellationToken: ct);
            return;
        }

        if (shape == ResponseShape.PartialObjectMetadata)
        {
            await HttpJson.WriteAsync(context, 200, new JsonObject
            {
                ["kind"] = "PartialObjectMetadataList",
                ["apiVersion"] = "meta.k8s.io/v1",
                ["metadata"] = list.Metadata.DeepClone(),
                ["items"] = new JsonArray(list.Items.Select(i => (JsonNode)PartialMetadata(i)).ToArray()),
            }, cancellationToken: ct);
            return;
        }

        // Large lists are written straight from the stored objects (no copies), as the watch cache serves them.
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-cache, private";
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, HttpJson.WriterOptions))
        {
            list.WriteTo(writer);
        }

        buffer.WriteByte((byte)'\n');
        context.Response.ContentLength = buffer.Length;
        buffer.Position = 0;
        await buffer.CopyToAsync(context.Response.Body, ct);
    }

    private static string IncludeObject(HttpContext context) => context.Request.Query["includeObject"].ToString() switch
    {
        "None" => "None",
        "Object" => "Object",
        _ => "Metadata",
    };

    public static JsonObject PartialMetadata(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new JsonObject
        {
            ["kind"] = "PartialObjectMetadata",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = obj["metadata"]?.DeepClone(),
        };
    }
}
