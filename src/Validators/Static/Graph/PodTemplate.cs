using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Graph;

/// <summary>The labels of pods a workload creates, in its namespace.</summary>
public sealed record PodTemplate(string Namespace, IReadOnlyDictionary<string, string> Labels, ManifestObject Owner)
{
    /// <summary>True when every selector label is on these pods (an empty selector matches nothing here).</summary>
    public bool Matches(string ns, IReadOnlyDictionary<string, string> selector) =>
        ns == Namespace && selector.Count > 0 && selector.All(kv => Labels.TryGetValue(kv.Key, out var v) && v == kv.Value);
}
