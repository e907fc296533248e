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

    // Nested profiles reach the same apps again and again, rendered identically: an app's node (what it provides and
    // requires) is built once and shared by every profile graph where its objects land in the same namespaces.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<(string App, SourceLocation At, string Layer, string Fingerprint), AppNode> nodeCache = new();

    /// <summary>
    /// The graph of <paramref name="apps"/> (one node per app name: the first occurrence; duplicates are NARROW003's
    /// business). <paramref name="placement"/> maps a layer name to its order and demo flag.
    /// </summary>
    public ResourceGraph Build(string profile, IEnumerable<ExpandedApp> apps, Func<string, LayerPlacement> placement, IReadOnlyList<ExternalObject> externals)
    {
        ArgumentNullException.ThrowIfNull(apps);
        ArgumentNullException.ThrowIfNull(placement);
        ArgumentNullException.ThrowIfNull(externals);
        var unique = new List<ExpandedApp>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var app in apps)
        {
            if (seen.Add(app.Name))
            {
                unique.Add(app);
            }
        }

        var scopes = new KindScopes(Defaults);
        foreach (var app in unique)
        {
            scopes.AddCustomResourceDefinitions(app.Resources);
        }

        var nodes = new List<AppNode>(unique.Count);
        foreach (var app in unique)
        {
            var destination = app.Model.Destination.Namespace;
            string? Effective(ManifestObject o) =>
                scopes.IsNamespaced(o.Group, o.Kind) ? (string.IsNullOrEmpty(o.Namespace) ? NullIfEmpty(destination) : o.Namespace) : null;

            var fingerprint = string.Join('|', app.Resources.Select(o => $"{o.Location}:{o.Kind}:{o.Name}:{Effective(o)}"));
            nodes.Add(nodeCache.GetOrAdd((app.Name, app.Manifest.Location, app.Layer, fingerprint), _ =>
            {
                var p = placement(app.Layer);
                var node = new AppNode(app, p.Order, p.Demo);
                try
                {
                    Provisions.Extract(node, Effective);
                }
                catch (InvalidOperationException)
                {
                    node.Problems.Add(WrongShape(app, null));
                }

                foreach (var obj in app.Resources)
                {
                    try
                    {
                        node.Requires.AddRange(Requirements.Extract(obj, Effective(obj)));
                    }
                    catch (InvalidOperationException)
                    {
                        // A field that must be a mapping is a list or a scalar (JsonNode's indexer throws): the API
                        // server rejects such an object, so it is a finding at its file:line, never a crash.
                        node.Problems.Add(WrongShape(app, obj));
                    }
                }

                return node;
            }));
        }

        return new ResourceGraph(profile, nodes, scopes, Defaults, externals);
    }

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    /// <summary>
    /// A built-in kind with a field of the wrong type is rejected by the API server (error); a custom kind may use
    /// the field differently than the checks assume (CloudNativePG's Database has a string spec.template), so its
    /// references are just not checked (warning).
    /// </summary>
    private Findings.Finding WrongShape(ExpandedApp app, ManifestObject? obj)
    {
        var builtIn = obj is not null && Defaults.IsBuiltIn(obj.Group, obj.Kind);
        return new(
            "RENDER001",
            builtIn ? Findings.Severity.Error : Findings.Severity.Warning,
            obj is null
                ? $"An object of app {app.Name} has a field whose type the checks do not expect; what the app provides is not fully checked."
                : builtIn
                    ? $"{obj.Kind} {obj.Name} of app {app.Name} has a field of the wrong type (a list or a value where a mapping is expected, e.g. spec); the API server rejects it, so the sync fails."
                    : $"{obj.Kind} {obj.Name} of app {app.Name} has a field whose type the checks do not expect (a list or a value where they read a mapping); its references are not checked.",
            obj?.Location ?? app.Manifest.Location,
            builtIn ? "Fix the object's structure at the reported line (compare with the kind's API reference)." : "Nothing to do if the kind's CRD accepts this shape.")
        {
            App = app.Name,
        };
    }
}
