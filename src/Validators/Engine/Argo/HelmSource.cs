using System.Text.Json.Nodes;

namespace PlatformValidation.Validators.Argo;

/// <summary><c>spec.source.helm</c>: how <c>helm template</c> is called [§1.4].</summary>
public sealed record HelmSource(
    string? ReleaseName,
    IReadOnlyList<string> ValueFiles,
    string? Values,
    JsonObject? ValuesObject,
    IReadOnlyList<HelmParameter> Parameters,
    IReadOnlyList<HelmFileParameter> FileParameters,
    bool IgnoreMissingValueFiles)
{
    public string? Namespace { get; init; }

    public bool SkipCrds { get; init; }

    /// <summary><c>skipTests</c>: leave out test hooks (<c>helm template --skip-tests</c>).</summary>
    public bool SkipTests { get; init; }

    public bool PassCredentials { get; init; }

    public string? Version { get; init; }

    public IReadOnlyList<string> ApiVersions { get; init; } = [];

    public string? KubeVersion { get; init; }
}

/// <summary>A <c>helm.parameters</c> entry (<c>--set</c>, or <c>--set-string</c> when forced).</summary>
public sealed record HelmParameter(string Name, string Value, bool ForceString);

/// <summary>A <c>helm.fileParameters</c> entry (<c>--set-file</c>).</summary>
public sealed record HelmFileParameter(string Name, string Path);
