using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Graph;

/// <summary>
/// Finds everything one rendered object requires: the CRD of its kind (unless built in), its namespace, the
/// references of its pod specs, the references well-known kinds carry, and implicit requirements from the
/// knowledge table.
/// </summary>
public sealed class RequirementExtractor
{
    public RequirementExtractor(ClusterDefaults defaults, ImplicitRequirements implicitRequirements)
    {
        ArgumentNullException.ThrowIfNull(defaults);
        ArgumentNullException.ThrowIfNull(implicitRequirements);
        Defaults = defaults;
        Implicit = implicitRequirements;
    }

    public ClusterDefaults Defaults { get; }

    public ImplicitRequirements Implicit { get; }

    /// <summary>The requirements of <paramref name="obj"/>, whose namespace after defaulting is <paramref name="effectiveNamespace"/>.</summary>
    public IReadOnlyList<Requirement> Extract(ManifestObject obj, string? effectiveNamespace)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var c = new RequirementCollector(obj, effectiveNamespace);
        var group = obj.Group;
        var kind = obj.Kind;
        if (kind.Length == 0)
        {
            return c.Items;
        }

        if (!Defaults.IsBuiltIn(group, kind))
        {
            c.Crd(group, kind, "/kind", "kind");
        }

        if (effectiveNamespace is not null && !(group.Length == 0 && kind == "Namespace"))
        {
            c.Object(string.Empty, "Namespace", null, effectiveNamespace, "/metadata/namespace", "namespace", RequirementStrength.Hard);
        }

        foreach (var pointer in PodSpecReferences.PodSpecPointers(group, kind, obj.Body))
        {
            if (JsonPointer.Resolve(obj.Body, pointer) is JsonObject spec)
            {
                PodSpecReferences.Collect(c, spec, pointer);
            }
        }

        KnownKindReferences.Collect(c, group, kind, obj.Body);
        foreach (var rule in Implicit.Matching(obj.Body, kind, obj.Name))
        {
            foreach (var crd in rule.RequiresCrds)
            {
                c.Crd(crd.Group, crd.Kind, "/data/" + JsonPointer.Escape(rule.DataKey), rule.Description);
            }
        }

        return c.Items;
    }
}
