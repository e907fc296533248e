using PlatformValidation.Validators.Findings;

namespace PlatformValidation.Validators.Loading;

/// <summary>
/// A read-only view of a repository checkout rooted at one directory. Every path is repo-relative with forward
/// slashes; nothing outside the root is ever read (neither through <c>..</c> nor through symlinks), and listings
/// are in a deterministic (ordinal) order. The expander and the reconciler read repos only through this view. A view
/// is a snapshot: it caches resolved paths, so open a new view after the checkout changes (e.g. per revision).
/// </summary>
public sealed class RepoTree
{
    /// <summary>How many symlinks one path may traverse before it counts as a loop (Linux ELOOP uses 40).</summary>
    private const int MaxSymlinkHops = 40;

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, (string? Full, string? Problem, bool Escapes)> resolved = new(StringComparer.Ordinal);

    private RepoTree(string root)
    {
        Root = root;
    }

    /// <summary>The absolute, symlink-resolved root directory.</summary>
    public string Root { get; }

    /// <summary>Opens a view over <paramref name="rootDirectory"/>; throws <see cref="LoadException"/> when it does not exist or is not a directory.</summary>
    public static RepoTree Open(string rootDirectory)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(rootDirectory);
        string full;
        try
        {
            full = Path.GetFullPath(rootDirectory);
        }
        catch (Exception ex) when (ex is ArgumentException or NotSupportedException or PathTooLongException)
        {
            throw new LoadException($"The repository path '{rootDirectory}' is not a valid path: {ex.Message}. Pass the directory of a checkout of the platform repo.", ex);
        }

        var real = RealPath(full, out var problem);
        if (real is null)
        {
            throw new LoadException($"The repository directory '{rootDirectory}' cannot be opened: {problem}. Pass the directory of a checkout of the platform repo.");
        }

        if (!Directory.Exists(real))
        {
            throw File.Exists(real)
                ? new LoadException($"The repository path '{rootDirectory}' is a file, not a directory. Pass the directory of a checkout of the platform repo.")
                : new LoadException($"The repository directory '{rootDirectory}' does not exist. Check the path, or clone the platform repo there first.");
        }

        try
        {
            _ = Directory.EnumerateFileSystemEntries(real).FirstOrDefault();
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            throw new LoadException($"The repository directory '{rootDirectory}' cannot be read: {ex.Message}. Check its permissions.", ex);
        }

        return new RepoTree(Path.TrimEndingDirectorySeparator(real));
    }

    /// <summary>
    /// Normalizes a repo-relative path (<c>./a/../b/</c> → <c>b</c>, backslashes → slashes, "" or "." → "").
    /// Returns null when the path is absolute or climbs above the root.
    /// </summary>
    public static string? NormalizePath(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var p = path.Replace('\\', '/');
        if (p.StartsWith('/') || (p.Length >= 2 && p[1] == ':' && char.IsAsciiLetter(p[0])))
        {
            return null;
        }

        var parts = new List<string>();
        foreach (var part in p.Split('/'))
        {
            switch (part)
            {
                case "" or ".":
                    continue;
                case "..":
                    if (parts.Count == 0)
                    {
                        return null;
                    }

                    parts.RemoveAt(parts.Count - 1);
                    break;
                default:
                    parts.Add(part);
                    break;
            }
        }

        return string.Join('/', parts);
    }

    /// <summary>Joins a repo-relative directory and a relative path, normalized; null when the result escapes the root.</summary>
    public static string? Combine(string directory, string relativePath)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(relativePath);
        return NormalizePath(directory.Length == 0 ? relativePath : directory + "/" + relativePath);
    }

    /// <summary>
    /// The absolute path of <paramref name="relativePath"/> after resolving symlinks, or null with the reason when the
    /// path escapes the root (lexically or through a symlink), loops, or does not exist.
    /// </summary>
    public string? TryGetFullPath(string relativePath, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var normalized = NormalizePath(relativePath);
        if (normalized is null)
        {
            problem = $"the path '{relativePath}' points outside the repository";
            return null;
        }

        var (full, reason, _) = Resolve(normalized);
        problem = reason;
        return full;
    }

    /// <summary>
    /// As <see cref="TryGetFullPath(string, out string?)"/>, and says whether the path failed because it leaves the
    /// repository (lexically, or through a symlink) rather than because it does not exist or loops.
    /// </summary>
    public string? TryGetFullPath(string relativePath, out string? problem, out bool escapes)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        var normalized = NormalizePath(relativePath);
        if (normalized is null)
        {
            problem = $"the path '{relativePath}' points outside the repository";
            escapes = true;
            return null;
        }

        var (full, reason, outside) = Resolve(normalized);
        problem = reason;
        escapes = outside;
        return full;
    }

    /// <summary>
    /// Resolves a normalized path component by component, reusing the cached real path of its parent, so each
    /// directory is checked for symlinks once per view (the checkout does not change while it is read).
    /// </summary>
    private (string? Full, string? Problem, bool Escapes) Resolve(string normalized)
    {
        if (normalized.Length == 0)
        {
            return (Root, null, false);
        }

        if (resolved.TryGetValue(normalized, out var cached))
        {
            return cached;
        }

        var slash = normalized.LastIndexOf('/');
        var (parent, parentProblem, parentEscapes) = Resolve(slash < 0 ? string.Empty : normalized[..slash]);
        (string?, string?, bool) result;
        if (parent is null)
        {
            result = (null, parentProblem, parentEscapes);
        }
        else
        {
            var candidate = Path.Combine(parent, slash < 0 ? normalized : normalized[(slash + 1)..]);
            result = ResolveCandidate(normalized, candidate);
        }

        resolved[normalized] = result;
        return result;
    }

    private (string? Full, string? Problem, bool Escapes) ResolveCandidate(string normalized, string candidate)
    {
        string? target;
        try
        {
            target = new FileInfo(candidate).LinkTarget;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return (null, $"'{normalized}': {ex.Message}", false);
        }

        var real = candidate;
        if (target is not null)
        {
            real = RealPath(candidate, out var linkProblem);
            if (real is null)
            {
                return (null, $"'{normalized}': {linkProblem}", false);
            }

            if (!IsInside(real))
            {
                return (null, $"'{normalized}' is a symlink (or lies under one) that points outside the repository", true);
            }
        }

        return Path.Exists(real) ? (real, null, false) : (null, $"'{normalized}' does not exist", false);
    }

    /// <summary>True when <paramref name="relativePath"/> is a file inside the repo (symlinks resolved and contained).</summary>
    public bool FileExists(string relativePath) => TryGetFullPath(relativePath, out _) is { } p && File.Exists(p);

    /// <summary>True when <paramref name="relativePath"/> is a directory inside the repo ("" is the root).</summary>
    public bool DirectoryExists(string relativePath) => TryGetFullPath(relativePath, out _) is { } p && Directory.Exists(p);

    /// <summary>
    /// Lists the files and directories under <paramref name="relativeDirectory"/> (recursively when asked). Symlinked
    /// files inside the repo are listed; symlinked directories are not descended (as Go's filepath.Walk); escaping or
    /// looping symlinks are skipped with a finding.
    /// </summary>
    public RepoListing List(string relativeDirectory, bool recursive)
    {
        ArgumentNullException.ThrowIfNull(relativeDirectory);
        var files = new List<string>();
        var directories = new List<string>();
        var findings = new List<Finding>();
        var start = NormalizePath(relativeDirectory);
        var startFull = start is null ? null : TryGetFullPath(start, out _);
        if (start is null || startFull is null || !Directory.Exists(startFull))
        {
            return new RepoListing(files, directories, findings);
        }

        var pending = new Stack<(string Full, string Relative)>();
        pending.Push((startFull, start));
        while (pending.Count > 0)
        {
            var (dirFull, dirRel) = pending.Pop();
            FileSystemInfo[] entries;
            try
            {
                entries = new DirectoryInfo(dirFull).GetFileSystemInfos();
            }
            catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
            {
                findings.Add(LoadingFindings.Yaml(SourceLocation.OfFile(dirRel.Length == 0 ? "." : dirRel), $"the directory cannot be read: {ex.Message}", "Check the directory's permissions."));
                continue;
            }

            foreach (var entry in entries)
            {
                var rel = dirRel.Length == 0 ? entry.Name : dirRel + "/" + entry.Name;
                if ((entry.Attributes & FileAttributes.ReparsePoint) != 0 && entry.LinkTarget is not null)
                {
                    var real = RealPath(entry.FullName, out var problem);
                    if (real is null || !IsInside(real))
                    {
                        findings.Add(LoadingFindings.Yaml(
                            SourceLocation.OfFile(rel),
                            real is null ? $"symlink skipped: {problem}" : "symlink skipped: it points outside the repository",
                            "Replace the symlink with the file itself, or point it at a file inside the repository."));
                        continue;
                    }

                    if (File.Exists(real))
                    {
                        files.Add(rel);
                    }

                    // Symlinked directories are not descended, as filepath.Walk does not follow them.
                    continue;
                }

                if (entry is DirectoryInfo)
                {
                    directories.Add(rel);
                    if (recursive)
                    {
                        pending.Push((entry.FullName, rel));
                    }
                }
                else
                {
                    files.Add(rel);
                }
            }
        }

        files.Sort(StringComparer.Ordinal);
        directories.Sort(StringComparer.Ordinal);
        return new RepoListing(files, directories, findings);
    }

    /// <summary>
    /// Reads a file of at most <paramref name="maxBytes"/> bytes. Returns false with a message (naming the limit when
    /// the file is too large) when it cannot be read safely.
    /// </summary>
    public bool TryReadFile(string relativePath, long maxBytes, out byte[] content, out string? problem)
    {
        ArgumentNullException.ThrowIfNull(relativePath);
        content = [];
        var full = TryGetFullPath(relativePath, out problem);
        if (full is null)
        {
            return false;
        }

        if (Directory.Exists(full))
        {
            problem = $"'{NormalizePath(relativePath)}' is a directory, not a file";
            return false;
        }

        try
        {
            var info = new FileInfo(full);
            if (info.Length > maxBytes)
            {
                problem = $"the file is {info.Length:N0} bytes, above the limit of {maxBytes:N0} bytes (LoaderOptions.MaxFileBytes)";
                return false;
            }

            if (info.Length == 0)
            {
                // Empty regular files, and FIFOs/devices whose open could block: nothing to read.
                return true;
            }

            using var stream = new FileStream(full, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
            var buffer = new byte[info.Length];
            var total = 0;
            int read;
            while (total < buffer.Length && (read = stream.Read(buffer, total, buffer.Length - total)) > 0)
            {
                total += read;
            }

            content = total == buffer.Length ? buffer : buffer[..total];
            return true;
        }
        catch (Exception ex) when (ex is UnauthorizedAccessException or IOException)
        {
            problem = $"the file cannot be read: {ex.Message}";
            return false;
        }
    }

    /// <summary>The repo-relative form of an absolute path inside the root, or null when it is outside.</summary>
    public string? ToRelativePath(string fullPath)
    {
        ArgumentNullException.ThrowIfNull(fullPath);
        var trimmed = Path.TrimEndingDirectorySeparator(fullPath);
        if (string.Equals(trimmed, Root, StringComparison.Ordinal))
        {
            return string.Empty;
        }

        return IsInside(trimmed) ? trimmed[(Root.Length + 1)..].Replace(Path.DirectorySeparatorChar, '/') : null;
    }

    public override string ToString() => Root;

    private bool IsInside(string real) =>
        string.Equals(real, Root, StringComparison.Ordinal) ||
        real.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal) ||
        (Root == Path.GetPathRoot(Root) && real.StartsWith(Root, StringComparison.Ordinal));

    /// <summary>
    /// Resolves every symlink along <paramref name="absolutePath"/> iteratively (like realpath), stopping after
    /// <see cref="MaxSymlinkHops"/> hops. Components that do not exist are kept as written.
    /// </summary>
    private static string? RealPath(string absolutePath, out string? problem)
    {
        problem = null;
        var root = Path.GetPathRoot(absolutePath) ?? "/";
        var pending = new Stack<string>(SplitComponents(absolutePath[root.Length..]).Reverse());
        var current = root;
        var hops = 0;
        var missing = false;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part is "" or ".")
            {
                continue;
            }

            if (part == "..")
            {
                current = Path.GetDirectoryName(current) ?? root;
                continue;
            }

            var candidate = Path.Combine(current, part);
            if (missing)
            {
                current = candidate;
                continue;
            }

            string? target;
            try
            {
                target = new FileInfo(candidate).LinkTarget;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                problem = ex.Message;
                return null;
            }

            if (target is null)
            {
                if (!File.Exists(candidate) && !Directory.Exists(candidate))
                {
                    missing = true;
                }

                current = candidate;
                continue;
            }

            if (++hops > MaxSymlinkHops)
            {
                problem = "too many levels of symbolic links (a symlink loop)";
                return null;
            }

            if (Path.IsPathRooted(target))
            {
                current = Path.GetPathRoot(target) ?? root;
            }

            foreach (var t in SplitComponents(Path.IsPathRooted(target) ? target[(Path.GetPathRoot(target) ?? string.Empty).Length..] : target).Reverse())
            {
                pending.Push(t);
            }
        }

        return current;
    }

    private static string[] SplitComponents(string path) =>
        path.Split([Path.DirectorySeparatorChar, Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}
