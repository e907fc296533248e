using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Schema;

namespace PlatformValidation.Fakes.Cluster.Api;

/// <summary>Discovery documents: /api, /apis, /apis/{group}, per group/version resource lists, and aggregated discovery v2.</summary>
public static class Discovery
{
    public const string AggregatedContentType = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";

    public static JsonObject ApiVersions(string serverAddress) => new()
    {
        ["kind"] = "APIVersions",
        ["versions"] = new JsonArray("v1"),
        ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
    };

    public static JsonObject GroupList(ResourceRegistry registry) => new()
    {
        ["kind"] = "APIGroupList",
        ["apiVersion"] = "v1",
        ["groups"] = new JsonArray(registry.Groups().Where(g => g.Group.Length > 0).Select(g => (JsonNode)Group(g.Group, g.Versions)).ToArray()),
    };

    public static JsonObject? GroupDocument(ResourceRegistry registry, string group)
    {
        var g = registry.Groups().FirstOrDefault(x => x.Group == group);
        if (g.Group is null || group.Length == 0)
        {
            return null;
        }

        var doc = Group(g.Group, g.Versions);
        doc["kind"] = "APIGroup";
        doc["apiVersion"] = "v1";
        return doc;
    }

    private static JsonObject Group(string name, IReadOnlyList<string> versions) => new()
    {
        ["name"] = name,
        ["versions"] = new JsonArray(versions.Select(v => (JsonNode)new JsonObject { ["groupVersion"] = name + "/" + v, ["version"] = v }).ToArray()),
        ["preferredVersion"] = new JsonObject { ["groupVersion"] = name + "/" + versions[0], ["version"] = versions[0] },
    };

    /// <summary>The APIResourceList of one group/version, or null when it is not served.</summary>
    public static JsonObject? ResourceList(ResourceRegistry registry, string group, string version)
    {
        if (!registry.ServesGroupVersion(group, version))
        {
            return null;
        }

        var resources = new JsonArray();
        foreach (var t in registry.All.Where(t => t.Group == group && t.Version == version).OrderBy(t => t.Plural, StringComparer.Ordinal))
        {
            var r = new JsonObject
            {
                ["name"] = t.Plural,
                ["singularName"] = t.Singular,
                ["namespaced"] = t.Namespaced,
                ["kind"] = t.Kind,
                ["verbs"] = Strings(t.Verbs),
            };
            if (t.ShortNames.Count > 0)
            {
                r["shortNames"] = Strings(t.ShortNames);
            }

            if (t.Categories.Count > 0)
            {
                r["categories"] = Strings(t.Categories);
            }

            r["storageVersionHash"] = StorageHash(t);
            resources.Add(r);
            foreach (var sub in Subresources(t))
            {
                var s = new JsonObject
                {
                    ["name"] = t.Plural + "/" + sub.Name,
                    ["singularName"] = string.Empty,
                    ["namespaced"] = t.Namespaced,
                };
                if (sub.Group != t.Group || sub.Version != t.Version)
                {
                    s["group"] = sub.Group;
                    s["version"] = sub.Version;
                }

                s["kind"] = sub.Kind;
                s["verbs"] = Strings(sub.Verbs);
                resources.Add(s);
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : group + "/" + version,
            ["resources"] = resources,
        };
    }

    /// <summary>Aggregated discovery (apidiscovery.k8s.io/v2) for the core group (/api) or the named groups (/apis).</summary>
    public static JsonObject Aggregated(ResourceRegistry registry, bool core)
    {
        var items = new JsonArray();
        foreach (var (group, versions) in registry.Groups().Where(g => (g.Group.Length == 0) == core))
        {
            var versionArray = new JsonArray();
            foreach (var v in versions)
            {
                var resources = new JsonArray();
                foreach (var t in registry.All.Where(t => t.Group == group && t.Version == v).OrderBy(t => t.Plural, StringComparer.Ordinal))
                {
                    var r = new JsonObject
                    {
                        ["resource"] = t.Plural,
                        ["responseKind"] = new JsonObject { ["group"] = t.Group, ["version"] = t.Version, ["kind"] = t.Kind },
                        ["scope"] = t.Namespaced ? "Namespaced" : "Cluster",
                        ["singularResource"] = t.Singular,
                        ["verbs"] = Strings(t.Verbs),
                    };
                    if (t.ShortNames.Count > 0)
                    {
                        r["shortNames"] = Strings(t.ShortNames);
                    }

                    if (t.Categories.Count > 0)
                    {
                        r["categories"] = Strings(t.Categories);
                    }

                    var subs = Subresources(t).ToList();
                    if (subs.Count > 0)
                    {
                        r["subresources"] = new JsonArray(subs.Select(s => (JsonNode)new JsonObject
                        {
                            ["subresource"] = s.Name,
                            ["responseKind"] = new JsonObject { ["group"] = s.Group, ["version"] = s.Version, ["kind"] = s.Kind },
                            ["verbs"] = Strings(s.Verbs),
                        }).ToArray());
                    }

                    resources.Add(r);
                }

                versionArray.Add(new JsonObject { ["version"] = v, ["resources"] = resources, ["freshness"] = "Current" });
            }

            var metadata = new JsonObject { ["creationTimestamp"] = null };
            if (!core)
            {
                metadata["name"] = group;
            }

            items.Add(new JsonObject { ["metadata"] = metadata, ["versions"] = versionArray });
        }

        return new JsonObject
        {
            ["kind"] = "APIGroupDiscoveryList",
            ["apiVersion"] = "apidiscovery.k8s.io/v2",
            ["metadata"] = new JsonObject(),
            ["items"] = items,
        };
    }

    /// <summary>A served subresource with the kind it answers with.</summary>
    public sealed record Subresource(string Name, string Group, string Version, string Kind, IReadOnlyList<string> Verbs);

    public static IEnumerable<Subresource> Subresources(ResourceType t)
    {
        ArgumentNullException.ThrowIfNull(t);
        string[] getPatchUpdate = ["get", "patch", "update"];
        if (t.HasStatus)
        {
            yield return new Subresource("status", t.Group, t.Version, t.Kind, getPatchUpdate);
        }

        if (t.Scale is not null)
        {
            yield return new Subresource("scale", "autoscaling", "v1", "Scale", getPatchUpdate);
        }

        foreach (var extra in t.ExtraSubresources)
        {
            yield return extra switch
            {
                "log" => new Subresource("log", t.Group, t.Version, "Pod", ["get"]),
                "proxy" => new Subresource("proxy", t.Group, t.Version, t.Kind + "ProxyOptions", ["create", "delete", "get", "patch", "update"]),
                "binding" => new Subresource("binding", t.Group, t.Version, "Binding", ["create"]),
                "eviction" => new Subresource("eviction", "policy", "v1", "Eviction", ["create"]),
                "exec" => new Subresource("exec", t.Group, t.Version, "PodExecOptions", ["create", "get"]),
                "attach" => new Subresource("attach", t.Group, t.Version, "PodAttachOptions", ["create", "get"]),
                "portforward" => new Subresource("portforward", t.Group, t.Version, "PodPortForwardOptions", ["create", "get"]),
                "finalize" => new Subresource("finalize", t.Group, t.Version, t.Kind, ["update"]),
                "token" => new Subresource("token", "authentication.k8s.io", "v1", "TokenRequest", ["create"]),
                "approval" => new Subresource("approval", t.Group, t.Version, t.Kind, getPatchUpdate),
                _ => new Subresource(extra, t.Group, t.Version, t.Kind, getPatchUpdate),
            };
        }
    }

    private static JsonArray Strings(IEnumerable<string> values) => new(values.Select(v => (JsonNode)v).ToArray());

    private static string StorageHash(ResourceType t)
    {
        var bytes = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes($"{t.Group}/{t.StorageVersion}/{t.Kind}"));
        return Convert.ToBase64String(bytes, 0, 8);
    }
}
