using System.Text.Json.Nodes;

namespace PlatformValidation.Fakes.ArgoCd.Model;

/// <summary>Group/kind/namespace/name: how Argo CD identifies a resource of an Application (version is not part of it).</summary>
public readonly record struct ResourceKey(string Group, string Kind, string Namespace, string Name) : IComparable<ResourceKey>
{
    public static ResourceKey Of(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var (group, _) = SplitApiVersion(Json.Str(obj, "apiVersion") ?? string.Empty);
        return new ResourceKey(group, Json.Str(obj, "kind") ?? string.Empty, Json.Str(obj, "metadata.namespace") ?? string.Empty, Json.Str(obj, "metadata.name") ?? string.Empty);
    }

    public static (string Group, string Version) SplitApiVersion(string apiVersion)
    {
        var slash = apiVersion.IndexOf('/', StringComparison.Ordinal);
        return slash < 0 ? (string.Empty, apiVersion) : (apiVersion[..slash], apiVersion[(slash + 1)..]);
    }

    public ResourceKey WithNamespace(string ns) => this with { Namespace = ns };

    /// <summary><c>group/Kind/namespace/name</c> as Argo CD prints resource keys.</summary>
    public override string ToString() => $"{Group}/{Kind}/{Namespace}/{Name}";

    /// <summary>Argo CD sorts status.resources by group, kind, namespace, name.</summary>
    public int CompareTo(ResourceKey other)
    {
        var c = string.CompareOrdinal(Group, other.Group);
        if (c == 0)
        {
            c = string.CompareOrdinal(Kind, other.Kind);
        }

        if (c == 0)
        {
            c = string.CompareOrdinal(Namespace, other.Namespace);
        }

        return c != 0 ? c : string.CompareOrdinal(Name, other.Name);
    }

    public static bool operator <(ResourceKey left, ResourceKey right) => left.CompareTo(right) < 0;

    public static bool operator <=(ResourceKey left, ResourceKey right) => left.CompareTo(right) <= 0;

    public static bool operator >(ResourceKey left, ResourceKey right) => left.CompareTo(right) > 0;

    public static bool operator >=(ResourceKey left, ResourceKey right) => left.CompareTo(right) >= 0;
}
