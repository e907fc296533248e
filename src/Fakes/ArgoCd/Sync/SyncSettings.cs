using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Health;
using PlatformValidation.Fakes.ArgoCd.Model;

namespace PlatformValidation.Fakes.ArgoCd.Sync;

/// <summary>Everything one sync iteration needs besides the cluster: the operation's settings and the comparison.</summary>
public sealed record SyncSettings
{
    public required IReadOnlyList<ReconciledResource> Resources { get; init; }

    /// <summary>Hook objects from the desired manifests.</summary>
    public IReadOnlyList<JsonObject> Hooks { get; init; } = [];

    public required string Revision { get; init; }

    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>The destination namespace.</summary>
    public string Namespace { get; init; } = string.Empty;

    public bool Prune { get; init; }

    public bool DryRun { get; init; }

    /// <summary>Hooks are skipped for selective syncs and the apply strategy [controller/sync.go].</summary>
    public bool SkipHooks { get; init; }

    /// <summary>Application-level sync options (<c>operation.sync.syncOptions</c>).</summary>
    public CommaOptions Options { get; init; } = CommaOptions.Empty;

    /// <summary>Selective sync filter (null = all resources).</summary>
    public Func<ResourceKey, bool>? ResourceFilter { get; init; }

    /// <summary>Project permission check for a task's object: an error message, or null when permitted.</summary>
    public Func<JsonObject, DiscoveryResult, string?> PermissionValidator { get; init; } = (_, _) => null;

    public required HealthAssessor Health { get; init; }

    /// <summary>Labels/annotations from <c>managedNamespaceMetadata</c> for CreateNamespace.</summary>
    public JsonObject? ManagedNamespaceMetadata { get; init; }

    /// <summary>The Application was approved for pruning (<c>argocd.argoproj.io/deletion-approved</c>).</summary>
    public bool PruneConfirmed { get; init; }

    /// <summary>How long to wait for an applied CRD to become Established.</summary>
    public TimeSpan CrdReadyTimeout { get; init; } = TimeSpan.FromSeconds(3);

    public bool ApplyOutOfSyncOnly => Options.IsTrue("ApplyOutOfSyncOnly");

    public bool PruneLast => Options.IsTrue("PruneLast");

    public bool SkipDryRunOnMissingResource => Options.IsTrue("SkipDryRunOnMissingResource");

    public bool ServerSideApply => Options.IsTrue("ServerSideApply");

    public bool Replace => Options.IsTrue("Replace");

    public string PrunePropagationPolicy => Options["PrunePropagationPolicy"]?.ToLowerInvariant() switch
    {
        "background" => "Background",
        "orphan" => "Orphan",
        _ => "Foreground",
    };
}
