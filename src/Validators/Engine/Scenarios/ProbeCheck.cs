using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Scenarios;

/// <summary>
/// One <c>make doctor</c> check: an HTTP request (<see cref="Method"/> to <see cref="Path"/>) through the service proxy
/// and the status it must return. Wider profiles run it too unless <see cref="Inherit"/> is false.
/// </summary>
public sealed record ProbeCheck(string Name, ServiceRef Service, string Path, string Method, int ExpectStatus, SourceLocation Location)
{
    /// <summary>Whether profiles listed after this one (wider ones) run this probe too (<c>inherit</c>, default true).</summary>
    public bool Inherit { get; init; } = true;

    /// <summary>The profile whose <c>probes</c> list declares it (set when it is inherited), or null for its own.</summary>
    public string? InheritedFrom { get; init; }
}
