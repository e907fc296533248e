using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Health;
using PlatformValidation.Fakes.ArgoCd.Model;

namespace PlatformValidation.Fakes.ArgoCd.Controllers;

/// <summary>One entry of the comparison: desired and/or live object, its sync status and health.</summary>
public sealed record ManagedResource(
    ResourceKey Key,
    string Version,
    JsonObject? Target,
    JsonObject? Live,
    string Status,
    bool RequiresPruning,
    HealthStatus? Health,
    int SyncWave,
    bool CountsForAppSync);

/// <summary>The result of comparing an Application's desired state with the live state.</summary>
public sealed record ComparisonResult
{
    public required string SyncStatus { get; init; }

    public IReadOnlyList<string> Revisions { get; init; } = [];

    public IReadOnlyList<ManagedResource> Resources { get; init; } = [];

    public IReadOnlyList<JsonObject> Hooks { get; init; } = [];

    public HealthStatus Health { get; init; } = new(HealthStatusCode.Unknown);

    public List<(string Type, string Message)> Conditions { get; init; } = [];

    /// <summary>InvalidSpecError/UnknownError: spec or project invalid, nothing compared.</summary>
    public bool SpecInvalid { get; init; }

    /// <summary>ComparisonError: desired state could not be loaded.</summary>
    public bool ComparisonFailed { get; init; }

    public Diff.DiffNormalizer? Normalizer { get; init; }

    public string Instance { get; init; } = string.Empty;
}
