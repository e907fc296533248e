using System.Collections.Concurrent;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Rendering;

/// <summary>
/// Scratch copies of repositories for kustomize overrides: Argo CD edits the kustomization in its own checkout, so
/// the harness copies the repo once (without <c>.git</c>) and edits a sibling copy of the app directory there,
/// leaving the user's checkout untouched. Removed on dispose.
/// </summary>
internal sealed class ScratchWorkspace(string? baseDirectory) : IDisposable
{
    private readonly ConcurrentDictionary<string, Lazy<string>> copies = new(StringComparer.Ordinal);
    private readonly string root = Path.Combine(baseDirectory ?? Path.GetTempPath(), "pv-render-" + Guid.NewGuid().ToString("N")[..12]);
    private int counter;

    /// <summary>A fresh, editable copy of <paramref name="appPath"/> beside it in a scratch copy of <paramref name="repo"/>; returns its full path.</summary>
    public string PrepareOverrideCopy(RepoTree repo, string appPath, long maxFileBytes)
    {
        var repoCopy = copies.GetOrAdd(repo.Root, _ => new Lazy<string>(() => CopyRepo(repo, maxFileBytes), LazyThreadSafetyMode.ExecutionAndPublication)).Value;
        var source = appPath.Length == 0 ? repoCopy : Path.Combine(repoCopy, appPath);
        var parent = Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(source)) ?? repoCopy;
        var target = Path.Combine(parent, $".pv-override-{Interlocked.Increment(ref counter)}-{Path.GetFileName(Path.TrimEndingDirectorySeparator(source))}");
        CopyDirectory(source, target);
        return target;
    }

    private string CopyRepo(RepoTree repo, long maxFileBytes)
    {
        var target = Path.Combine(root, "repo-" + Interlocked.Increment(ref counter).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Directory.CreateDirectory(target);
        foreach (var dir in repo.List(string.Empty, recursive: true).Directories)
        {
            if (!IsGit(dir))
            {
                Directory.CreateDirectory(Path.Combine(target, dir));
            }
        }

        foreach (var file in repo.List(string.Empty, recursive: true).Files)
        {
            if (IsGit(file) || !repo.TryReadFile(file, maxFileBytes, out var bytes, out _))
            {
                continue;
            }

            var destination = Path.Combine(target, file);
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.WriteAllBytes(destination, bytes);
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
