using PlatformValidation.Validators.Analyzers;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Changes;

/// <summary>How a thing differs between the base and the head of a change.</summary>
public enum ChangeKind
{
    Unchanged,
    Added,
    Changed,
    Removed,
}

/// <summary>One resource of an app that differs: its key (<c>group/Kind namespace/name</c>), where it is, and a unified diff.</summary>
public sealed record ResourceChange(string Key, string Kind, ChangeKind Change, SourceLocation? Location, string Diff);

/// <summary>An Application that differs between base and head, with the resources that differ.</summary>
public sealed record AppChange(string Name, ChangeKind Change, SourceLocation? Location, IReadOnlyList<ResourceChange> Resources)
{
    /// <summary>True when the Application's own spec changed (sources, destination, sync policy, …).</summary>
    public bool SpecChanged { get; init; }

    /// <summary>The unified diff of the Application manifest when its spec changed.</summary>
    public string SpecDiff { get; init; } = string.Empty;
}

/// <summary>
/// A live object a merge would delete, or leave for a prune: which app owned it, why it goes, and whether that
/// happens by itself (automated prune, a cascading finalizer, a deleted CRD or Namespace) or only at the next sync
/// with prune.
/// </summary>
public sealed record Deletion(string Profile, string App, string Key, string Kind, string Reason, bool Automatic, SourceLocation? Location)
{
    /// <summary>Why the deletion does not happen after all (Prune=false, Delete=false, resource-policy keep), when so.</summary>
    public string? KeptBecause { get; init; }

    /// <summary>True when the deletion is a PRUNE001: automatic, of a stateful kind, and not allowed with <c>--allow-prune</c>.</summary>
    public bool Blocked { get; init; }
}

/// <summary>What one profile looks like after the change, compared with before.</summary>
public sealed record ProfileChange(string Name, ChangeKind Change, IReadOnlyList<AppChange> Apps, IReadOnlyList<Deletion> Deletions)
{
    /// <summary>True when the profile was not re-analysed because nothing it reads changed.</summary>
    public bool Skipped { get; init; }

    public int ResourcesAdded => Apps.Sum(a => a.Resources.Count(r => r.Change == ChangeKind.Added));

    public int ResourcesChanged => Apps.Sum(a => a.Resources.Count(r => r.Change == ChangeKind.Changed));

    public int ResourcesRemoved => Apps.Sum(a => a.Resources.Count(r => r.Change == ChangeKind.Removed));
}

/// <summary>
/// The outcome of <c>validate --base</c>: findings new, fixed and unchanged; per profile the apps and resources
/// added, changed and removed; what a merge would delete (PRUNE001 for stateful kinds); narrowing regressions.
/// </summary>
public sealed record ChangeReport(
    string Scenario,
    string BaseLabel,
    string HeadLabel,
    IReadOnlyList<ProfileChange> Profiles,
    IReadOnlyList<Finding> NewFindings,
    IReadOnlyList<Finding> FixedFindings,
    IReadOnlyList<Finding> UnchangedFindings,
    IReadOnlyList<Finding> PruneFindings,
    TimeSpan Duration)
{
    /// <summary>When true, every error finding at the head fails the gate, not only new ones (<c>--fail-on all</c>).</summary>
    public bool FailOnAll { get; init; }

    /// <summary>How many head renders were taken from the base because nothing they read changed.</summary>
    public int RendersReused { get; init; }

    /// <summary>Link prefix for head file:line references (e.g. a GitHub blob URL at the head SHA), or null for plain paths.</summary>
    public string? LinkBase { get; init; }

    /// <summary>New NARROW001/NARROW002 findings: a profile that stopped being nested, or an object that stopped being identical.</summary>
    public IReadOnlyList<Finding> NarrowingRegressions =>
        NewFindings.Where(f => f.Id is FindingIds.Narrow001 or FindingIds.Narrow002).ToList();

    /// <summary>New findings other than the narrowing regressions.</summary>
    public IReadOnlyList<Finding> OtherNewFindings =>
        NewFindings.Where(f => f.Id is not (FindingIds.Narrow001 or FindingIds.Narrow002)).ToList();

    /// <summary>True when nothing differs at all: no profile, app, resource or finding changed.</summary>
    public bool NoChanges =>
        Profiles.All(p => p.Change == ChangeKind.Unchanged) && NewFindings.Count == 0 && FixedFindings.Count == 0;

    /// <summary>The findings that decide the exit code.</summary>
    public IEnumerable<Finding> Blocking =>
        (FailOnAll ? NewFindings.Concat(UnchangedFindings) : NewFindings).Concat(PruneFindings).Where(f => f.Severity == Severity.Error);

    /// <summary>True when the gate fails (exit code 1).</summary>
    public bool Failed => Blocking.Any();
}
