using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Api;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;

namespace PlatformValidation.Fakes.Cluster.Storage;

/// <summary>A parsed field selector (<c>metadata.name=x,status.phase!=Running</c>) over the fields each kind supports.</summary>
public sealed class FieldSelector
{
    private static readonly Dictionary<string, string[]> KindFields = new(StringComparer.Ordinal)
    {
        ["Pod"] = ["spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.podIPs", "status.nominatedNodeName"],
        ["Event"] = ["involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type", "regarding.kind", "regarding.namespace", "regarding.name", "regarding.uid", "regarding.apiVersion", "regarding.resourceVersion", "regarding.fieldPath", "reportingController"],
        ["Secret"] = ["type"],
        ["Namespace"] = ["status.phase"],
        ["Node"] = ["spec.unschedulable"],
        ["ReplicaSet"] = ["status.replicas"],
        ["ReplicationController"] = ["status.replicas"],
        ["Job"] = ["status.successful"],
        ["PersistentVolume"] = ["name"],
        ["CertificateSigningRequest"] = ["spec.signerName"],
        ["Service"] = ["spec.clusterIP", "spec.type"],
    };

    private FieldSelector(IReadOnlyList<(string Field, bool Equal, string Value)> terms) => Terms = terms;

    public static FieldSelector Everything { get; } = new([]);

    public IReadOnlyList<(string Field, bool Equal, string Value)> Terms { get; }

    public bool IsEmpty => Terms.Count == 0;

    /// <summary>The single metadata.name=x term, which lets a list or watch target one object.</summary>
    public string? SingleName => Terms.Count == 1 && Terms[0].Field == "metadata.name" && Terms[0].Equal ? Terms[0].Value : null;

    public static FieldSelector Parse(string? text, ResourceType type)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Everything;
        }

        var terms = new List<(string, bool, string)>();
        foreach (var raw in text.Split(','))
        {
            var part = raw.Trim();
            if (part.Length == 0)
            {
                continue;
            }

            string field;
            string value;
            bool equal;
            var ne = part.IndexOf("!=", StringComparison.Ordinal);
            if (ne > 0)
            {
                (field, value, equal) = (part[..ne], part[(ne + 2)..], false);
            }
            else if (part.IndexOf("==", StringComparison.Ordinal) is var ee and > 0)
            {
                (field, value, equal) = (part[..ee], part[(ee + 2)..], true);
            }
            else if (part.IndexOf('=', StringComparison.Ordinal) is var e and > 0)
            {
                (field, value, equal) = (part[..e], part[(e + 1)..], true);
            }
            else
            {
                throw StatusErrors.BadRequest($"invalid selector: '{text}'; can't understand '{part}'");
            }

            field = field.Trim();
            if (!Supported(field, type))
            {
                throw StatusErrors.BadRequest($"field label not supported: {field}");
            }

            terms.Add((field, equal, value.Trim()));
        }

        return new FieldSelector(terms);
    }

    public bool Matches(JsonObject obj, ResourceType type)
    {
        foreach (var (field, equal, value) in Terms)
        {
            var actual = Read(obj, field, type) ?? string.Empty;
            if ((actual == value) != equal)
            {
                return false;
            }
        }

        return true;
    }

    private static bool Supported(string field, ResourceType type)
    {
        if (field is "metadata.name" || (field is "metadata.namespace" && type.Namespaced))
        {
            return true;
        }

        if (type.IsCustom)
        {
            return type.SelectableFields.Contains(field);
        }

        return KindFields.TryGetValue(type.Kind, out var fields) && fields.Contains(field);
    }

    private static string? Read(JsonObject obj, string field, ResourceType type)
    {
        if (type.SharedStorage is not null)
        {
            // events.k8s.io/v1 field names over the core/v1 storage form.
            field = field.StartsWith("regarding.", StringComparison.Ordinal) ? "involvedObject." + field["regarding.".Length..]
                : field == "reportingController" ? "reportingComponent" : field;
        }

        switch (field)
        {
            case "spec.hostNetwork":
                return (obj.Bool("spec", "hostNetwork") ?? false) ? "true" : "false";
            case "spec.unschedulable":
                return (obj.Bool("spec", "unschedulable") ?? false) ? "true" : "false";
            case "status.podIPs":
                return obj.Arr("status", "podIPs")?.OfType<JsonObject>().FirstOrDefault()?.Str("ip");
            case "source":
                return obj.Str("source", "component");
            case "reportingComponent":
                return obj.Str("reportingComponent") ?? string.Empty;
            case "name" when type.Kind == "PersistentVolume":
                return obj.Name();
            case "status.replicas":
                return (obj.Long("status", "replicas") ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
            case "status.successful":
                return (obj.Long("status", "succeeded") ?? 0).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        var node = JsonNodes.Walk(obj, field.TrimStart('.').Split('.'));
        return node switch
        {
            null => null,
            JsonValue v when v.GetValueKind() == System.Text.Json.JsonValueKind.String => v.GetValue<string>(),
            _ => node.ToJsonString(),
        };
    }
}
