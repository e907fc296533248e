using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Knowledge;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Scenarios;

namespace PlatformValidation.Validators.Graph;

/// <summary>Where an app sits in the layer catalogue.</summary>
public sealed record LayerPlacement(int Order, bool Demo);

/// <summary>Builds the <see cref="ResourceGraph"/> of a profile from its expanded apps.</summary>
public sealed class ResourceGraphBuilder
{
    public ResourceGraphBuilder(OperatorKnowledge? operators = null, ClusterDefaults? defaults = null, ImplicitRequirements? implicitRequirements = null)
    {
        Defaults = defaults ?? ClusterDefaults.Default;
        Provisions = new ProvisionExtractor(operators ?? OperatorKnowledge.Default);
        Requirements = new RequirementExtractor(Defaults, implicitRequirements ?? ImplicitRequirements.Default);
    }

    public ClusterDefaults Defaults { get; }

    public ProvisionExtractor Provisions { get; }

    public RequirementExtractor Requirements { get; }

    /// <summary>
    /// The graph of <paramref name="apps"/> (one node per app name: the first occurrence; duplicates are NARROW003's
    /// business). <paramref name="placement"/> maps a layer name to its order and demo flag.
    /// </summary>
    public ResourceGraph Build(string profile, IEnumerable<ExpandedApp> apps, Func<string, LayerPlacement> placement, IReadOnlyList<ExternalObject> externals)
    {
        ArgumentNullException.ThrowIfNull(apps);
        ArgumentNullException.ThrowIfNull(placement);
        ArgumentNullException.ThrowIfNull(externals);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var nodes = new List<AppNode>();
        foreach (var app in apps)
        {
            if (seen.Add(app.Name))
            {
                var p = placement(app.Layer);
                nodes.Add(new AppNode(app, p.Order, p.Demo));
            }
        }

        var scopes = new KindScopes(Defaults);
        foreach (var node in nodes)
        {
            scopes.AddCustomResourceDefinitions(node.App.Resources);
        }

        foreach (var node in nodes)
        {
            var destination = node.App.Model.Destination.Namespace;
            string? Effective(ManifestObject o) =>
                scopes.IsNamespaced(o.Group, o.Kind) ? (string.IsNullOrEmpty(o.Namespace) ? NullIfEmpty(destination) : o.Namespace) : null;

            Provisions.Extract(node, Effective);
            foreach (var obj in node.App.Resources)
            {
                node.Requires.AddRange(Requirements.Extract(obj, Effective(obj)));
            }
        }

        return new ResourceGraph(profile, nodes, scopes, Defaults, externals);
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
