namespace PlatformValidation.Validators.Loading;

/// <summary>
/// Reads multi-document YAML and JSON into <see cref="ManifestObject"/>s with a location for every node, converting
/// scalars the way Kubernetes does (sigs.k8s.io/yaml over go-yaml v2), expanding <c>kind: List</c>, skipping empty
/// documents, and turning every problem into a YAML001 finding instead of an exception. Thread-safe.
/// </summary>
public sealed class ManifestLoader
{
    public ManifestLoader(LoaderOptions? options = null)
    {
        Options = options ?? LoaderOptions.Default;
        Options.Validate();
    }

    /// <summary>The limits in force.</summary>
    public LoaderOptions Options { get; }

    /// <summary>Loads one file of <paramref name="repo"/> (path relative to its root).</summary>
    public LoadResult LoadFile(RepoTree repo, string relativePath) => throw new NotImplementedException();

    /// <summary>Loads every <c>*.yaml</c>, <c>*.yml</c> and <c>*.json</c> file under a directory of <paramref name="repo"/>, in path order.</summary>
    public LoadResult LoadDirectory(RepoTree repo, string relativeDirectory, bool recursive) => throw new NotImplementedException();

    /// <summary>Loads raw bytes (UTF-8, or UTF-16 with a BOM) that claim to come from <paramref name="displayPath"/>.</summary>
    public LoadResult LoadBytes(ReadOnlyMemory<byte> content, string displayPath) => throw new NotImplementedException();

    /// <summary>Loads YAML or JSON text that claims to come from <paramref name="displayPath"/>.</summary>
    public LoadResult LoadText(string text, string displayPath) => throw new NotImplementedException();
}
