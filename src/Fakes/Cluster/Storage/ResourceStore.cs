using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Api;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;
using PlatformValidation.Validators.Labels;

namespace PlatformValidation.Fakes.Cluster.Storage;

/// <summary>A list answer: its kind, apiVersion, list metadata and the (shared, read-only) items.</summary>
public sealed record ListResult(string Kind, string ApiVersion, JsonObject Metadata, IReadOnlyList<JsonObject> Items)
{
    /// <summary>A standalone list object (items deep-copied).</summary>
    public JsonObject ToJson() => new()
    {
        ["kind"] = Kind,
        ["apiVersion"] = ApiVersion,
        ["metadata"] = Metadata.DeepClone(),
        ["items"] = new JsonArray(Items.Select(i => (JsonNode)i.DeepClone()).ToArray()),
    };

    /// <summary>Writes the list as JSON without copying the items.</summary>
    public void WriteTo(System.Text.Json.Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WriteString("kind", Kind);
        writer.WriteString("apiVersion", ApiVersion);
        writer.WritePropertyName("metadata");
        Metadata.WriteTo(writer);
        writer.WritePropertyName("items");
        writer.WriteStartArray();
        foreach (var item in Items)
        {
            item.WriteTo(writer);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}

/// <summary>
/// The API server's registry layer over <see cref="ObjectStore"/>: the semantics of create, get, list, update,
/// patch and delete (defaulting, validation, resourceVersion preconditions, generation, finalizers, dry run)
/// shared by the HTTP handlers and the in-process controllers.
/// </summary>
public sealed partial class ResourceStore
{
    private const string NameAlphabet = "bcdfghjklmnpqrstvwxz2456789";

    public ResourceStore(ObjectStore store, ResourceRegistry registry, TimeProvider time, Admission admission)
    {
        Objects = store;
        Registry = registry;
        Time = time;
        Admission = admission;
    }

    public ObjectStore Objects { get; }

    public ResourceRegistry Registry { get; }

    public TimeProvider Time { get; }

    public Admission Admission { get; }

    public static readonly GroupResource Namespaces = new(string.Empty, "namespaces");

    /// <summary>Reads an object or throws 404 NotFound.</summary>
    public JsonObject Get(ResourceType type, string? ns, string name)
    {
        var obj = Objects.Get(type.StorageResource, ns, name) ?? throw StatusErrors.NotFound(type, name);
        return View(type, obj);
    }

    /// <summary>Reads an object or returns null.</summary>
    public JsonObject? TryGet(ResourceType type, string? ns, string name)
    {
        var obj = Objects.Get(type.StorageResource, ns, name);
        return obj is null ? null : View(type, obj);
    }

    /// <summary>Lists objects matching selectors with paging; returns the list object (kind XList).</summary>
    public JsonObject List(ResourceType type, string? ns, ListOptions options) => ListItems(type, ns, options).ToJson();

    /// <summary>Lists objects matching selectors with paging, without copying the stored objects.</summary>
    /// <summary>A <c>labelSelector</c> query parameter (the engine's parser); one that does not parse is a 400.</summary>
    public static LabelSelector ParseLabelSelector(string? text)
    {
        try
        {
            return LabelSelector.Parse(text);
        }
        catch (LabelSelectorException e)
        {
            throw StatusErrors.BadRequest(e.Message);
        }
    }

    public ListResult ListItems(ResourceType type, string? ns, ListOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var labels = ResourceStore.ParseLabelSelector(options.LabelSelector);
        var fields = FieldSelector.Parse(options.FieldSelector, type);
        string? startAfter = null;
        long? listRv = null;
        if (!string.IsNullOrEmpty(options.Continue))
        {
            (startAfter, listRv) = DecodeContinue(options.Continue);
            if (listRv < Objects.CompleteSince(type.StorageResource) && listRv is not null)
            {
                throw StatusErrors.Expired("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.");
            }
        }

        var (all, rv) = Objects.List(type.StorageResource, type.Namespaced ? ns : null, startAfter);
        var filter = !labels.IsEmpty || !fields.IsEmpty;
        bool Match(JsonObject o) => !filter || (labels.Matches(o) && fields.Matches(o, type));
        var items = new List<JsonObject>();
        string? continueToken = null;
        long remaining = 0;
        var limit = options.Limit is > 0 ? options.Limit.Value : long.MaxValue;
        for (var i = 0; i < all.Count; i++)
        {
            var obj = all[i];
            if (!Match(obj))
            {
                continue;
            }

            if (items.Count == limit)
            {
                var last = items[^1];
                continueToken = EncodeContinue(ObjectStore.Key(last.Namespace(), last.Name()), listRv ?? rv);
                remaining = filter ? 0 : all.Count - i;
                break;
            }

            items.Add(View(type, obj));
        }

        var metadata = new JsonObject { ["resourceVersion"] = (listRv ?? rv).ToString(CultureInfo.InvariantCulture) };
        if (continueToken is not null)
        {
            metadata["continue"] = continueToken;
            if (!filter)
            {
                metadata["remainingItemCount"] = remaining;
            }
        }

        return new ListResult(type.ListKind, type.ApiVersion, metadata, items);
    }

    /// <summary>Objects of a resource for in-process callers (controllers), unfiltered, never cloned.</summary>
    public IReadOnlyList<JsonObject> ListRaw(GroupResource gr, string? ns = null) => Objects.List(gr, ns).Items;

    /// <summary>The object as seen through <paramref name="type"/> (apiVersion of the requested version; events converted).</summary>
    public JsonObject View(ResourceType type, JsonObject stored)
    {
        if (type.SharedStorage is not null)
        {
            return EventConversion.ToEventsV1(stored);
        }

        if (stored.Str("apiVersion") == type.ApiVersion)
        {
            return stored;
        }

        var copy = stored.Clone();
        copy["apiVersion"] = type.ApiVersion;
        return copy;
    }

    private static string EncodeContinue(string key, long rv)
    {
        var json = new JsonObject { ["v"] = "meta.k8s.io/v1", ["rv"] = rv, ["start"] = key + "\u0000" }.ToJsonString();
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static (string Start, long Rv) DecodeContinue(string token)
    {
        try
        {
            var s = token.Replace('-', '+').Replace('_', '/');
            s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
            var node = JsonNode.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(s)));
            var start = node!["start"]!.GetValue<string>().TrimEnd('\u0000');
            return (start, node["rv"]!.GetValue<long>());
        }
        catch (Exception e) when (e is FormatException or JsonException or NullReferenceException or InvalidOperationException)
        {
            throw StatusErrors.BadRequest("continue key is not valid: " + e.Message);
        }
    }

    /// <summary>
    /// generateName: the prefix cut to 58 characters plus 5 random ones (k8s.io/apiserver/pkg/storage/names
    /// SimpleNameGenerator, MaxGeneratedNameLength = 63 − 5), so a generated name never exceeds 63 characters.
    /// </summary>
    private string NewName(string prefix)
    {
        const int maxPrefix = 58;
        if (prefix.Length > maxPrefix)
        {
            prefix = prefix[..maxPrefix];
        }

        var chars = new char[5];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = NameAlphabet[Random.Shared.Next(NameAlphabet.Length)];
        }

        return prefix + new string(chars);
    }

    private string Now() => JsonNodes.Rfc3339(Time.GetUtcNow());

    /// <summary>Checks the namespace of a namespaced write exists and is not terminating (NamespaceLifecycle admission).</summary>
    private void CheckNamespace(ResourceType type, string ns, string name)
    {
        var nsObj = Objects.Get(Namespaces, null, ns) ?? throw StatusErrors.NotFound(Namespaces, ns);
        if (nsObj.Str("metadata", "deletionTimestamp") is not null || nsObj.Str("status", "phase") == "Terminating")
        {
            throw StatusErrors.NamespaceTerminating(type.GroupResource, name, ns);
        }
    }

    /// <summary>Whether anything other than metadata and status differs (what bumps metadata.generation).</summary>
    private static bool SpecChanged(JsonObject a, JsonObject b)
    {
        var keys = a.Select(p => p.Key).Concat(b.Select(p => p.Key)).Distinct().Where(k => k is not ("metadata" or "status" or "apiVersion" or "kind"));
        return keys.Any(k => !JsonNode.DeepEquals(a[k], b[k]));
    }

    /// <summary>Two objects equal apart from resourceVersion and managedFields timestamps (a no-op write).</summary>
    private static bool SameContent(JsonObject a, JsonObject b)
    {
        var ca = a.Clone();
        var cb = b.Clone();
        foreach (var o in new[] { ca, cb })
        {
            var md = o.Metadata();
            md.Remove("resourceVersion");
            md.Remove("managedFields");
        }

        return JsonNode.DeepEquals(ca, cb);
    }
}
