namespace PlatformValidation.Validators.Live.Checks;

/// <summary>
/// The names of every live check, as reports show them. Suites, the runner and tests use these constants instead
/// of literals; <see cref="LiveCheckCatalog"/> describes each one.
/// </summary>
public static class LiveChecks
{
    // static
    public const string Analyze = "analyze";
    public const string Findings = "findings";

    // profile-matrix (and the profile bring-up the other suites share)
    public const string ApplyProfile = "apply-profile";
    public const string Apply = "apply";
    public const string WaitHealthy = "wait-healthy";
    public const string AppsHealthy = "apps-healthy";
    public const string GpuAtRest = "gpu-at-rest";
    public const string OneOwner = "one-owner";
    public const string Probes = "probes";
    public const string EnsureProfile = "ensure-profile";

    // narrowing
    public const string Snapshot = "snapshot";
    public const string ApplyNarrower = "apply-narrower";
    public const string NoPrune = "no-prune";
    public const string WiderLayersHealthy = "wider-layers-healthy";
    public const string TeardownLayer = "teardown-layer";
    public const string Teardown = "teardown";

    // cost-gates
    public const string GateClosed = "gate-closed";
    public const string Sync = "sync";
    public const string ScaleUp = "scale-up";
    public const string RefreshKeepsReplicas = "refresh-keeps-replicas";
    public const string Smoke = "smoke";
    public const string SmokeUnauthenticated = "smoke-unauthenticated";
    public const string ScaleDown = "scale-down";
    public const string IdlePause = "idle-pause";

    // group-toggle
    public const string NoGroups = "no-groups";
    public const string DisableGroup = "disable-group";
    public const string GroupDisablePrunes = "group-disable-prunes";
    public const string EnableGroup = "enable-group";
    public const string GroupEnableRestores = "group-enable-restores";
    public const string NoServedRepo = "no-served-repo";

    // gpu-smoke
    public const string Credentials = "credentials";
    public const string GpuSmoke = "gpu-smoke";
    public const string GpuReleased = "gpu-released";

    // every run
    public const string SuiteStopped = "suite-stopped";
    public const string Cleanup = "cleanup";
    public const string Released = "released";
}
