using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Scenarios;

/// <summary>
/// A cost-gated Application: manual sync (GATE002), optionally a workload whose replicas scaling owns (GATE003,
/// GATE004), whether it needs a GPU, and an optional idle-pause annotation set live on the workload.
/// </summary>
public sealed record CostGate(
    string App,
    WorkloadRef? Workload,
    ScaleSpec? Scale,
    bool Gpu,
    IdlePause? IdlePause,
    SourceLocation Location)
{
    /// <summary>True when the gate has a workload whose replicas scaling owns (<c>scale</c> with <c>up</c> above <c>down</c>).</summary>
    public bool Scales => Workload is not null && Scale is { } s && s.Up > s.Down;
}

/// <summary>An object by kind and name (apiVersion optional: any group whose kind matches).</summary>
public sealed record WorkloadRef(string? ApiVersion, string Kind, string? Namespace, string Name)
{
    /// <summary>The API group of <see cref="ApiVersion"/> ("" for core), or null when no apiVersion was written.</summary>
    public string? Group => ApiVersion is null ? null : ApiVersion.Contains('/', StringComparison.Ordinal) ? ApiVersion[..ApiVersion.IndexOf('/', StringComparison.Ordinal)] : string.Empty;

    public override string ToString() => $"{Kind} {(Namespace is null ? string.Empty : Namespace + "/")}{Name}";
}

/// <summary>The replica counts <c>make vllm-up/down</c> sets.</summary>
public sealed record ScaleSpec(int Up, int Down);

/// <summary>An annotation that pauses the workload while idle (e.g. <c>serving.kserve.io/stop: "true"</c>).</summary>
public sealed record IdlePause(string Annotation, string Value);
