using System.Text.Json.Nodes;

namespace PlatformValidation.Validators.Argo;

/// <summary><c>spec.source.directory</c>: which files of a plain directory source are manifests [§1.2].</summary>
public sealed record DirectorySource(bool Recurse, string? Include, string? Exclude, JsonObject? Jsonnet);
