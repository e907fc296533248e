namespace PlatformValidation.Validators.Argo;

/// <summary>
/// A generator's <c>selector</c> as written in the ApplicationSet (<c>matchLabels</c> + <c>matchExpressions</c>); an
/// empty selector matches everything. Matching is the engine's one label selector
/// (<see cref="Labels.LabelSelector.FromParts"/>), as Argo CD converts it with metav1.LabelSelectorAsSelector.
/// </summary>
public sealed record LabelSelector(IReadOnlyDictionary<string, string> MatchLabels, IReadOnlyList<LabelSelectorRequirement> MatchExpressions)
{
    /// <summary>True when every label and expression matches <paramref name="labels"/>.</summary>
    public bool Matches(IReadOnlyDictionary<string, string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        return ToSelector().Matches(labels);
    }

    /// <summary>The engine's label selector for this one (printable as kubectl writes it).</summary>
    public Labels.LabelSelector ToSelector() => Labels.LabelSelector.FromParts(MatchLabels, MatchExpressions.Select(e => (e.Key, e.Operator, e.Values)));
}

/// <summary>One <c>matchExpressions</c> entry: <c>In</c>, <c>NotIn</c>, <c>Exists</c>, <c>DoesNotExist</c>.</summary>
public sealed record LabelSelectorRequirement(string Key, string Operator, IReadOnlyList<string> Values);
