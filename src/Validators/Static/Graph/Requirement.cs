using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Graph;

/// <summary>What a requirement asks for.</summary>
public enum RequirementTarget
{
    /// <summary>The CRD that registers a kind (<see cref="Requirement.Group"/>/<see cref="Requirement.Kind"/>).</summary>
    CustomResourceDefinition,

    /// <summary>A named object.</summary>
    Object,

    /// <summary>Pods in a namespace carrying the labels of <see cref="Requirement.Selector"/>.</summary>
    Pods,
}

/// <summary>How much breaks when a requirement is not met.</summary>
public enum RequirementStrength
{
    /// <summary>The sync or the pod start fails (kind without CRD, missing namespace, Secret a container reads).</summary>
    Hard,

    /// <summary>The sync succeeds but the feature does not work (route to a missing backend, pool without pods).</summary>
    Runtime,

    /// <summary>Inferred from free text (a Service URL in an env value): a warning when unmet.</summary>
    Soft,
}

/// <summary>
/// One thing a resource needs, found at <see cref="Pointer"/> in <see cref="Consumer"/>. <see cref="Via"/> says how
/// it was found (e.g. <c>env DATABASE_URL secretKeyRef</c>), for messages.
/// </summary>
public sealed record Requirement(
    RequirementTarget Target,
    string Group,
    string Kind,
    string? Namespace,
    string Name,
    ManifestObject Consumer,
    string Pointer,
    string Via,
    RequirementStrength Strength)
{
    /// <summary>For <see cref="RequirementTarget.Pods"/>: the labels the pods must carry.</summary>
    public IReadOnlyDictionary<string, string>? Selector { get; init; }

    /// <summary>For <see cref="RequirementTarget.Object"/>: other keys that satisfy it as well (e.g. a ClusterServingRuntime for a ServingRuntime).</summary>
    public IReadOnlyList<ObjectKey>? Alternatives { get; init; }

    /// <summary>Where the reference is written (the exact field when the loader recorded it).</summary>
    public SourceLocation Location => Consumer.LocationOf(Pointer);

    /// <summary>The required object's key (for <see cref="RequirementTarget.Object"/>).</summary>
    public ObjectKey Key => new(Group, Kind, Namespace, Name);

    /// <summary>What is required, in words.</summary>
    public string Describe() => Target switch
    {
        RequirementTarget.CustomResourceDefinition => $"the CRD of {new GroupKind(Group, Kind)}",
        RequirementTarget.Pods => $"pods labelled {string.Join(",", (Selector ?? new Dictionary<string, string>()).Select(kv => kv.Key + "=" + kv.Value))} in namespace {Namespace}",
        _ => Kind == "Namespace" ? $"namespace {Name}" : Key.ToString(),
    };
}
