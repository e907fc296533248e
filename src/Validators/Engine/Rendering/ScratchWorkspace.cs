using System.Collections.Concurrent;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Rendering;

/// <summary>
/// Scratch copies of repositories: the sandbox kustomize runs in (<see cref="SandboxOf"/>: the repo's own content and
/// nothing it links to outside), and editable copies of app directories for kustomize overrides (Argo CD edits the
/// kustomization in its own checkout; the user's checkout stays untouched). Removed on dispose.
/// </summary>
internal sealed class ScratchWorkspace(string? baseDirectory) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<string>> copies = new(StringComparer.Ordinal);
    private readonly string root = Path.Combine(baseDirectory ?? Path.GetTempPath(), "pv-render-" + Guid.NewGuid().ToString("N")[..12]);
    private int counter;

    /// <summary>
    /// The sandbox copy of <paramref name="repo"/> (made once per repo view): every directory and regular file inside
    /// the root except <c>.git</c>; symlinks that stay inside are recreated as relative links, symlinks that leave the
    /// repo (or loop, or dangle) are left out, special files (FIFOs, devices) become empty files. A tool run there can
    /// only reach the repository's own content through any symlink. Returns its full path.
    /// </summary>
    public string SandboxOf(RepoTree repo) =>
        copies.GetOrAdd(repo.Root, _ => new Lazy<string>(() => CopyRepo(repo), LazyThreadSafetyMode.ExecutionAndPublication)).Value;

    /// <summary>A fresh, editable copy of <paramref name="appPath"/> beside it in the sandbox copy of <paramref name="repo"/>; returns its full path.</summary>
    public string PrepareOverrideCopy(RepoTree repo, string appPath)
    {
        var repoCopy = SandboxOf(repo);
        var source = appPath.Length == 0 ? repoCopy : Path.Combine(repoCopy, appPath);
        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(source)) ?? repoCopy;
        var target = Path.Combine(parent, $".pv-override-{Interlocked.Increment(ref counter)}-{Path.GetFileName(Path.TrimEndingDirectorySeparator(source))}");
        CopyDirectory(source, target);
        return target;
    }

    private string CopyRepo(RepoTree repo)
    {
        var target = Path.Combine(root, "repo-" + Interlocked.Increment(ref counter).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(target);
        var pending = new Stack<string>();
        pending.Push(string.Empty);
        while (pending.Count > 0)
        {
            var relativeDirectory = pending.Pop();
            var full = relativeDirectory.Length == 0 ? repo.Root : Path.Combine(repo.Root, relativeDirectory);
            foreach (var entry in new DirectoryInfo(full).EnumerateFileSystemInfos())
            {
                var relative = relativeDirectory.Length == 0 ? entry.Name : relativeDirectory + "/" + entry.Name;
                if (IsGit(relative))
                {
                    continue;
                }

                var destination = Path.Combine(target, relative);
                if (entry.LinkTarget is not null)
                {
                    // Only links that resolve inside the repo are kept, pointing at the same place in the copy.
                    if (repo.TryGetFullPath(relative, out _) is { } real && repo.ToRelativePath(real) is { } realRelative)
                    {
                        var linkTo = Path.GetRelativePath(Path.GetDirectoryName(destination)!, Path.Combine(target, realRelative));
                        if (Directory.Exists(real))
                        {
                            Directory.CreateSymbolicLink(destination, linkTo);
                        }
                        else
                        {
                            File.CreateSymbolicLink(destination, linkTo);
                        }
                    }

                    continue;
                }

                if (entry is DirectoryInfo)
                {
                    Directory.CreateDirectory(destination);
                    pending.Push(relative);
                }
                else if (entry is FileInfo { Length: > 0 } file && (file.Attributes & (FileAttributes.Device | FileAttributes.System)) == 0)
                {
                    file.CopyTo(destination);
                }
                else
                {
                    // Empty files, and FIFOs/devices whose open could block: an empty file.
                    File.WriteAllBytes(destination, []);
                }
            }
        }

        return target;
    }

    private static bool IsGit(string path) => path == ".git" || path.StartsWith(".git/", StringComparison.Ordinal);

    private static void CopyDirectory(string source, string target)
    {
        Directory.CreateDirectory(target);
        foreach (var dir in Directory.EnumerateDirectories(source, "*", SearchOption.AllDirectories))
        {
            Directory.CreateDirectory(Path.Combine(target, Path.GetRelativePath(source, dir)));
        }

        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            File.Copy(file, Path.Combine(target, Path.GetRelativePath(source, file)), overwrite: true);
        }
    }

    public void Dispose()
    {
        try
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
