namespace PlatformValidation.Validators.Loading;

/// <summary>
/// A read-only view of a repository checkout rooted at one directory. Every path is repo-relative with forward
/// slashes; nothing outside the root is ever read (neither through <c>..</c> nor through symlinks), and listings
/// are in a deterministic (ordinal) order. The expander and the reconciler read repos only through this view.
/// </summary>
public sealed class RepoTree
{
    private RepoTree(string root)
    {
        Root = root;
    }

    /// <summary>The absolute, symlink-resolved root directory.</summary>
    public string Root { get; }

    /// <summary>Opens a view over <paramref name="rootDirectory"/>; throws <see cref="LoadException"/> when it does not exist or is not a directory.</summary>
    public static RepoTree Open(string rootDirectory) => throw new NotImplementedException();

    /// <summary>
    /// Normalizes a repo-relative path (<c>./a/../b/</c> → <c>b</c>, backslashes → slashes, "" or "." → "").
    /// Returns null when the path is absolute or climbs above the root.
    /// </summary>
    public static string? NormalizePath(string path) => throw new NotImplementedException();

    /// <summary>
    /// The absolute path of <paramref name="relativePath"/> after resolving symlinks, or null with the reason when the
    /// path escapes the root (lexically or through a symlink), loops, or does not exist.
    /// </summary>
    public string? TryGetFullPath(string relativePath, out string? problem) => throw new NotImplementedException();

    /// <summary>True when <paramref name="relativePath"/> is a file inside the repo (symlinks resolved and contained).</summary>
    public bool FileExists(string relativePath) => throw new NotImplementedException();

    /// <summary>True when <paramref name="relativePath"/> is a directory inside the repo ("" is the root).</summary>
    public bool DirectoryExists(string relativePath) => throw new NotImplementedException();

    /// <summary>
    /// Lists the files and directories under <paramref name="relativeDirectory"/> (recursively when asked). Symlinked
    /// files inside the repo are listed; symlinked directories are not descended (as Go's filepath.Walk); escaping or
    /// looping symlinks are skipped with a finding.
    /// </summary>
    public RepoListing List(string relativeDirectory, bool recursive) => throw new NotImplementedException();

    /// <summary>
    /// Reads a file of at most <paramref name="maxBytes"/> bytes. Returns false with a message (naming the limit when
    /// the file is too large) when it cannot be read safely.
    /// </summary>
    public bool TryReadFile(string relativePath, long maxBytes, out byte[] content, out string? problem) => throw new NotImplementedException();

    /// <summary>The repo-relative form of an absolute path inside the root, or null when it is outside.</summary>
    public string? ToRelativePath(string fullPath) => throw new NotImplementedException();

    public override string ToString() => Root;
}
