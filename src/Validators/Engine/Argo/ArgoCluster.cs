using System.Text;
using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Argo;

/// <summary>
/// A cluster Argo CD knows through a cluster Secret (a Secret in the Argo CD namespace labelled
/// <c>argocd.argoproj.io/secret-type: cluster</c>, with <c>name</c>, <c>server</c> and optional <c>project</c> in its
/// data): what the ApplicationSet clusters generator lists and matches its selector against [ARGOCD-SEMANTICS §7.1]. Declared in a scenario's or an externals file's <c>clusters:</c>, or read
/// from the Secrets of a (simulated) cluster; both go through this one type.
/// </summary>
public sealed record ArgoCluster(string Name, string Server, string Project, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations)
{
    /// <summary>The label that makes a Secret a cluster Secret.</summary>
    public const string SecretTypeLabel = "argocd.argoproj.io/secret-type";

    /// <summary>Its value for clusters.</summary>
    public const string SecretTypeCluster = "cluster";

    /// <summary>
    /// A cluster written in a scenario or externals file: its labels are the Secret's labels, so the secret-type label
    /// the Secret necessarily carries is added when missing (a selector may match on it, and goTemplate sees it).
    /// </summary>
    public static ArgoCluster Declared(string name, string server, string? project, IReadOnlyDictionary<string, string> labels, IReadOnlyDictionary<string, string> annotations)
    {
        var withType = new Dictionary<string, string>(labels, StringComparer.Ordinal) { [SecretTypeLabel] = SecretTypeCluster };
        return new ArgoCluster(name, server, project ?? string.Empty, withType, new Dictionary<string, string>(annotations, StringComparer.Ordinal));
    }

    /// <summary>
    /// The cluster a Secret object describes, or null when it is not a cluster Secret. <c>data</c> is base64 as the API
    /// server stores it; <c>stringData</c> (a manifest not yet applied) wins key by key, as the API server merges it. A
    /// value that is not valid base64 reads as empty, as a Secret the API server would have refused.
    /// </summary>
    public static ArgoCluster? FromSecret(JsonObject secret)
    {
        ArgumentNullException.ThrowIfNull(secret);
        var metadata = secret["metadata"] as JsonObject;
        var labels = StringMap(metadata?["labels"] as JsonObject);
        if (!labels.TryGetValue(SecretTypeLabel, out var type) || type != SecretTypeCluster)
        {
            return null;
        }

        string Field(string key)
        {
            if (JsonRead.Str(secret, "stringData", key) is { } plain)
            {
                return plain;
            }

            if (JsonRead.Str(secret, "data", key) is not { } encoded)
            {
                return string.Empty;
            }

            try
            {
                return Encoding.UTF8.GetString(Convert.FromBase64String(encoded));
            }
            catch (FormatException)
            {
                return string.Empty;
            }
        }

        return new ArgoCluster(Field("name"), Field("server"), Field("project"), labels, StringMap(metadata?["annotations"] as JsonObject));
    }

    /// <summary>
    /// The cluster Secret that registers this cluster with the Argo CD in <paramref name="ns"/> (what
    /// <c>argocd cluster add</c> or a declarative Secret writes), named <c>cluster-NAME</c>; read back by
    /// <see cref="FromSecret"/>.
    /// </summary>
    public JsonObject ToSecret(string ns)
    {
        var labels = new JsonObject();
        foreach (var (key, value) in Labels)
        {
            labels[key] = value;
        }

        labels[SecretTypeLabel] = SecretTypeCluster;
        var annotations = new JsonObject();
        foreach (var (key, value) in Annotations)
        {
            annotations[key] = value;
        }

        var data = new JsonObject { ["name"] = Name, ["server"] = Server };
        if (Project.Length > 0)
        {
            data["project"] = Project;
        }

        return new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Secret",
            ["metadata"] = new JsonObject
            {
                ["name"] = "cluster-" + Templating.ArgoNames.Sanitize(Name),
                ["namespace"] = ns,
                ["labels"] = labels,
                ["annotations"] = annotations,
            },
            ["type"] = "Opaque",
            ["stringData"] = data,
        };
    }

    private static Dictionary<string, string> StringMap(JsonObject? map)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        if (map is null)
        {
            return result;
        }

        foreach (var (key, _) in map)
        {
            if (JsonRead.Str(map[key]) is { } value)
            {
                result[key] = value;
            }
        }

        return result;
    }
}
