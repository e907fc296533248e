using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Json;

namespace PlatformValidation.Fakes.Cluster.Schema;

/// <summary>Turns a CustomResourceDefinition into the resource types it serves (one per served version).</summary>
public static class CrdTypes
{
    public static IReadOnlyList<ResourceType> From(JsonObject crd)
    {
        ArgumentNullException.ThrowIfNull(crd);
        var spec = crd.Obj("spec") ?? [];
        var names = spec.Obj("names") ?? [];
        var group = spec.Str("group") ?? string.Empty;
        var plural = names.Str("plural") ?? string.Empty;
        var kind = names.Str("kind") ?? string.Empty;
        var namespaced = spec.Str("scope") != "Cluster";
        var versions = spec.Arr("versions")?.OfType<JsonObject>().ToList() ?? [];
        var storage = versions.FirstOrDefault(v => v.Bool("storage") == true)?.Str("name") ?? versions.FirstOrDefault()?.Str("name") ?? "v1";
        var result = new List<ResourceType>();
        foreach (var v in versions.Where(v => v.Bool("served") != false))
        {
            var version = v.Str("name") ?? string.Empty;
            var scale = v.Obj("subresources", "scale") is { } s
                ? new ScaleSubresource(s.Str("specReplicasPath") ?? ".spec.replicas", s.Str("statusReplicasPath") ?? ".status.replicas", s.Str("labelSelectorPath"))
                : null;
            var columns = v.Arr("additionalPrinterColumns")?.OfType<JsonObject>().Select(c => new PrinterColumn(
                c.Str("name") ?? string.Empty,
                c.Str("type") ?? "string",
                c.Str("jsonPath") ?? string.Empty,
                c.Str("format"),
                (int)(c.Long("priority") ?? 0),
                c.Str("description") ?? string.Empty)).ToList() ?? [];
            result.Add(new ResourceType
            {
                Group = group,
                Version = version,
                Plural = plural,
                Kind = kind,
                Namespaced = namespaced,
                Singular = names.Str("singular") ?? kind.ToLowerInvariant(),
                ShortNames = names.Arr("shortNames")?.Select(n => n!.GetValue<string>()).ToList() ?? [],
                Categories = names.Arr("categories")?.Select(n => n!.GetValue<string>()).ToList() ?? [],
                HasStatus = v.Obj("subresources", "status") is not null,
                Scale = scale,
                HasGeneration = true,
                IsCustom = true,
                StorageVersion = storage,
                PrinterColumns = columns,
                OpenApiSchema = v.Obj("schema", "openAPIV3Schema"),
                SelectableFields = v.Arr("selectableFields")?.OfType<JsonObject>().Select(f => (f.Str("jsonPath") ?? string.Empty).TrimStart('.')).ToList() ?? [],
            });
        }

        return result;
    }
}
