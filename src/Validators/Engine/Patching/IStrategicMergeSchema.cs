namespace PlatformValidation.Validators.Patching;

/// <summary>
/// What strategic merge patch needs to know about a field: whether it merges as a map, whether it is a list that
/// merges element by element (patch strategy <c>merge</c>, with its <c>patchMergeKey</c>), and the schemas below it.
/// This is upstream's <c>LookupPatchMeta</c> (k8s.io/apimachinery/pkg/util/strategicpatch/meta.go); the simulated
/// API server answers it from its type schemas, Argo CD's ApplicationSet <c>templatePatch</c> uses
/// <see cref="StrategicMergeSchema.NoStrategy"/> (the Application type declares no patch strategy).
/// </summary>
public interface IStrategicMergeSchema
{
    /// <summary>True when a patch map merges key by key into this field (structs, maps, free-form fields).</summary>
    bool MergesAsMap { get; }

    /// <summary>True when the whole map is replaced (<c>x-kubernetes-map-type: atomic</c>).</summary>
    bool AtomicMap { get; }

    /// <summary>True for a list field (a list patch goes through the list rules, strategy or not).</summary>
    bool IsList { get; }

    /// <summary>True for a list whose patch strategy contains <c>merge</c>.</summary>
    bool MergesByKey { get; }

    /// <summary>The list's <c>patchMergeKey</c> (null for lists of scalars).</summary>
    string? PatchMergeKey { get; }

    /// <summary>The schema of a list's elements.</summary>
    IStrategicMergeSchema ListItems { get; }

    /// <summary>The schema of field <paramref name="key"/> of this struct or map.</summary>
    IStrategicMergeSchema Field(string key);
}

/// <summary>Schemas that need no type information.</summary>
public static class StrategicMergeSchema
{
    /// <summary>
    /// A type without patch strategies: maps merge recursively, lists and scalars are replaced. What upstream does
    /// for a Go struct whose fields carry no <c>patchStrategy</c> tags (Argo CD's <c>v1alpha1.Application</c>).
    /// </summary>
    public static IStrategicMergeSchema NoStrategy { get; } = new NoStrategySchema();

    private sealed class NoStrategySchema : IStrategicMergeSchema
    {
        public bool MergesAsMap => true;

        public bool AtomicMap => false;

        public bool IsList => false;

        public bool MergesByKey => false;

        public string? PatchMergeKey => null;

        public IStrategicMergeSchema ListItems => this;

        public IStrategicMergeSchema Field(string key) => this;
    }
}
