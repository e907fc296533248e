using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Rendering;

namespace PlatformValidation.Validators.Graph;

/// <summary>
/// One Application in a profile's resource graph: what it provides (objects, CRD kinds, namespaces, pods) and
/// requires, with the layer it came from.
/// </summary>
public sealed class AppNode
{
    internal AppNode(ExpandedApp app, int layerOrder, bool demoLayer)
    {
        App = app;
        LayerOrder = layerOrder;
        DemoLayer = demoLayer;
    }

    public ExpandedApp App { get; }

    public string Name => App.Name;

    public string Layer => App.Layer;

    /// <summary>The order of <see cref="Layer"/> (lower layers are applied first; the common manifests are lowest).</summary>
    public int LayerOrder { get; }

    /// <summary>True when the layer is marked as a demo/simulation layer.</summary>
    public bool DemoLayer { get; }

    /// <summary>True when the app syncs automatically (manual apps deploy nothing until someone syncs them).</summary>
    public bool IsAutomated => App.Model.IsAutomated;

    /// <summary>False when the app's sources could not all be rendered: what it provides is then unknown.</summary>
    public bool FullyRendered => App.Outcome.Status == RenderStatus.Rendered;

    /// <summary>Objects the app provides (rendered, created by operators, its CreateNamespace namespace).</summary>
    public List<(ObjectKey Key, Provider Provider)> Provides { get; } = [];

    /// <summary>CRD kinds the app registers.</summary>
    public List<(GroupKind Kind, Provider Provider)> ProvidesKinds { get; } = [];

    /// <summary>Pods the app's workloads create.</summary>
    public List<PodTemplate> Pods { get; } = [];

    /// <summary>Everything the app's resources need.</summary>
    public List<Requirement> Requires { get; } = [];

    /// <summary>Objects whose structure could not be read (a field of the wrong type), as findings.</summary>
    public List<Findings.Finding> Problems { get; } = [];

    public override string ToString() => $"{Name} (layer {Layer})";
}
