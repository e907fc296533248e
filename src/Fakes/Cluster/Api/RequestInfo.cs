namespace PlatformValidation.Fakes.Cluster.Api;

/// <summary>What a request path addresses, parsed the way the API server's RequestInfoFactory does.</summary>
public sealed record RequestInfo
{
    /// <summary>True for /api/... and /apis/{group}/{version}/... resource paths.</summary>
    public bool IsResourceRequest { get; init; }

    public string Group { get; init; } = string.Empty;

    public string Version { get; init; } = string.Empty;

    public string? Namespace { get; init; }

    public string Resource { get; init; } = string.Empty;

    public string? Name { get; init; }

    public string? Subresource { get; init; }

    /// <summary>Path after the subresource (proxy targets).</summary>
    public string Rest { get; init; } = string.Empty;

    /// <summary>Legacy /watch/ prefix.</summary>
    public bool WatchPrefix { get; init; }

    /// <summary>Parses /api/v1/..., /apis/g/v/...; returns null for other paths.</summary>
    public static RequestInfo? Parse(string path)
    {
        var parts = path.Trim('/').Split('/');
        int i;
        string group;
        string version;
        if (parts.Length >= 2 && parts[0] == "api")
        {
            group = string.Empty;
            version = parts[1];
            i = 2;
        }
        else if (parts.Length >= 3 && parts[0] == "apis")
        {
            group = parts[1];
            version = parts[2];
            i = 3;
        }
        else
        {
            return null;
        }

        if (i >= parts.Length)
        {
            return null;
        }

        var watch = false;
        if (parts[i] == "watch")
        {
            watch = true;
            i++;
        }

        string? ns = null;
        if (i + 2 < parts.Length && parts[i] == "namespaces" && parts[i + 2] is "status" or "finalize")
        {
            return new RequestInfo { IsResourceRequest = true, Group = group, Version = version, Resource = "namespaces", Name = Uri.UnescapeDataString(parts[i + 1]), Subresource = parts[i + 2], WatchPrefix = watch };
        }

        if (i + 1 < parts.Length && parts[i] == "namespaces" && i + 2 < parts.Length)
        {
            ns = Uri.UnescapeDataString(parts[i + 1]);
            i += 2;
        }

        if (i >= parts.Length)
        {
            return new RequestInfo { IsResourceRequest = true, Group = group, Version = version, Resource = "namespaces", Name = ns, WatchPrefix = watch };
        }

        var resource = parts[i];
        string? name = i + 1 < parts.Length ? Uri.UnescapeDataString(parts[i + 1]) : null;
        string? sub = i + 2 < parts.Length ? parts[i + 2] : null;
        var rest = i + 3 < parts.Length ? string.Join('/', parts[(i + 3)..]) : string.Empty;
        if (path.EndsWith('/') && sub == "proxy")
        {
            rest += "/";
        }

        return new RequestInfo
        {
            IsResourceRequest = true,
            Group = group,
            Version = version,
            Namespace = ns,
            Resource = resource,
            Name = name,
            Subresource = sub,
            Rest = rest,
            WatchPrefix = watch,
        };
    }
}
