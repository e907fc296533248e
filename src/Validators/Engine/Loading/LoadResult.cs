using PlatformValidation.Validators.Findings;

namespace PlatformValidation.Validators.Loading;

/// <summary>What loading produced: the objects that parsed, and a YAML001 finding for everything that did not.</summary>
public sealed record LoadResult(IReadOnlyList<ManifestObject> Objects, IReadOnlyList<Finding> Findings)
{
    /// <summary>Nothing loaded, nothing wrong.</summary>
    public static LoadResult Empty { get; } = new([], []);

    /// <summary>Well-formed documents that are not Kubernetes objects (not errors by themselves).</summary>
    public IReadOnlyList<SkippedDocument> Skipped { get; init; } = [];

    /// <summary>True when any finding has error severity.</summary>
    public bool HasErrors => Findings.Any(f => f.Severity == Severity.Error);

    /// <summary>Both results, in order.</summary>
    public LoadResult Concat(LoadResult other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return new LoadResult([.. Objects, .. other.Objects], [.. Findings, .. other.Findings]) { Skipped = [.. Skipped, .. other.Skipped] };
    }
}
