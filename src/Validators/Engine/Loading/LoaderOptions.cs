namespace PlatformValidation.Validators.Loading;

/// <summary>
/// Limits that keep the loader safe on hostile input (huge files, alias bombs, deep nesting). Every limit has a
/// generous default for real manifests; a file that exceeds one yields a YAML001 finding naming the limit.
/// </summary>
public sealed record LoaderOptions
{
    /// <summary>The CLI option that sets <see cref="MaxFileBytes"/>; quoted in the "file too large" message.</summary>
    public const string MaxFileBytesOption = "--max-file-size";

    /// <summary>The defaults.</summary>
    public static LoaderOptions Default { get; } = new();

    /// <summary>Largest file read, in bytes (default 16 MiB; Kubernetes objects are at most ~1.5 MB each).</summary>
    public long MaxFileBytes { get; init; } = 16L * 1024 * 1024;

    /// <summary>Deepest nesting of mappings/sequences in one document (default 200).</summary>
    public int MaxDepth { get; init; } = 200;

    /// <summary>Most nodes one file may produce after alias expansion (default 2,000,000); caps alias bombs.</summary>
    public int MaxNodes { get; init; } = 2_000_000;

    /// <summary>Most documents in one file (default 100,000).</summary>
    public int MaxDocuments { get; init; } = 100_000;

    /// <summary>Throws when a limit is not positive.</summary>
    public void Validate()
    {
        if (MaxFileBytes <= 0 || MaxDepth <= 0 || MaxNodes <= 0 || MaxDocuments <= 0)
        {
            throw new ArgumentException($"Loader limits must be positive (MaxFileBytes={MaxFileBytes}, MaxDepth={MaxDepth}, MaxNodes={MaxNodes}, MaxDocuments={MaxDocuments}).");
        }
    }
}
