namespace PlatformValidation.Fakes.Cluster.Api;

/// <summary>What representation a request's Accept header asks for.</summary>
public enum ResponseShape
{
    Object,
    Table,
    PartialObjectMetadata,
    AggregatedDiscovery,
}

/// <summary>Content negotiation over Accept headers with Kubernetes' as/g/v parameters.</summary>
public static class MediaTypes
{
    /// <summary>The first acceptable JSON representation; throws 406 when only non-JSON types are accepted.</summary>
    public static ResponseShape Negotiate(string? accept, bool allowAggregated = false, bool allowTable = true)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return ResponseShape.Object;
        }

        var sawAcceptable = false;
        foreach (var raw in accept.Split(','))
        {
            var parts = raw.Split(';').Select(p => p.Trim()).ToList();
            var type = parts[0].ToLowerInvariant();
            var parameters = parts.Skip(1).Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0].Trim().ToLowerInvariant(), p => p[1].Trim(), StringComparer.Ordinal);
            if (type is not ("application/json" or "*/*" or "application/*" or "application/yaml"))
            {
                continue;
            }

            parameters.TryGetValue("as", out var asKind);
            parameters.TryGetValue("g", out var group);
            if (asKind is null)
            {
                return ResponseShape.Object;
            }

            sawAcceptable = true;
            if (asKind == "Table" && group == "meta.k8s.io" && allowTable)
            {
                return ResponseShape.Table;
            }

            if (asKind is "PartialObjectMetadata" or "PartialObjectMetadataList" && group == "meta.k8s.io")
            {
                return ResponseShape.PartialObjectMetadata;
            }

            if (asKind == "APIGroupDiscoveryList" && group == "apidiscovery.k8s.io" && allowAggregated && parameters.TryGetValue("v", out var v) && v == "v2")
            {
                return ResponseShape.AggregatedDiscovery;
            }
        }

        if (sawAcceptable && !allowTable)
        {
            return ResponseShape.Object;
        }

        if (accept.Contains("protobuf", StringComparison.OrdinalIgnoreCase) && !accept.Contains("json", StringComparison.OrdinalIgnoreCase) && !accept.Contains("*/*", StringComparison.Ordinal))
        {
            throw StatusErrors.NotAcceptable();
        }

        if (sawAcceptable)
        {
            throw StatusErrors.NotAcceptable();
        }

        return ResponseShape.Object;
    }
}
