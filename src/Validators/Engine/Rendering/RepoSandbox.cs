using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Rendering;

/// <summary>
/// The rendering sandbox rule: a renderer (kustomize, Helm, the directory reader) may read only what lies inside the
/// repository checkout, as Argo CD's repo-server only has the checkout (it refuses repos with out-of-bounds symlinks,
/// reposerver/repository/repository.go and util/io/path CheckOutOfBoundsSymlinks), and it never fetches anything over
/// the network here. Every path a source names is resolved with <see cref="Resolve"/> before a tool runs; URLs are
/// <see cref="SandboxVerdict.Remote"/> without any connection being made.
/// </summary>
public static partial class RepoSandbox
{
    /// <summary>
    /// Resolves <paramref name="reference"/> (as written in a kustomization, values list or chart path) relative to
    /// the repo-relative <paramref name="fromDirectory"/>: <c>..</c> and every symlink on the way are followed, and the
    /// verdict says whether the result stays inside <paramref name="repo"/>.
    /// </summary>
    public static SandboxedPath Resolve(RepoTree repo, string fromDirectory, string reference)
    {
        ArgumentNullException.ThrowIfNull(repo);
        ArgumentNullException.ThrowIfNull(fromDirectory);
        ArgumentNullException.ThrowIfNull(reference);
        if (IsRemote(reference))
        {
            return new SandboxedPath(reference, SandboxVerdict.Remote, null, null, $"'{reference}' is a remote reference, and nothing is fetched over the network here");
        }

        if (reference.StartsWith('/') || reference.StartsWith('\\') || (reference.Length >= 2 && reference[1] == ':' && char.IsAsciiLetter(reference[0])))
        {
            return new SandboxedPath(reference, SandboxVerdict.Outside, null, null, $"'{reference}' is an absolute path; only paths inside the repository can be read");
        }

        var relative = RepoTree.Combine(fromDirectory, reference);
        if (relative is null)
        {
            return new SandboxedPath(reference, SandboxVerdict.Outside, null, null, $"'{reference}' (from '{(fromDirectory.Length == 0 ? "." : fromDirectory)}') climbs above the repository root");
        }

        var full = repo.TryGetFullPath(relative, out var problem, out var escapes);
        if (full is not null)
        {
            return new SandboxedPath(reference, SandboxVerdict.Inside, relative, full, null);
        }

        return escapes
            ? new SandboxedPath(reference, SandboxVerdict.Outside, relative, null, problem)
            : new SandboxedPath(reference, SandboxVerdict.Missing, relative, null, problem);
    }

    /// <summary>
    /// True for references a tool would fetch over the network: any <c>scheme://</c> URL (http, https, git, ssh,
    /// file, oci, …), scp-like git addresses (<c>git@host:org/repo</c>), kustomize's hosted-git shorthands and
    /// <c>?ref=</c> / <c>.git//</c> forms (kustomize api/internal/git/repospec.go).
    /// </summary>
    public static bool IsRemote(string reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        var r = reference.Trim();
        return r.Contains("://", StringComparison.Ordinal) ||
               ScpLike.IsMatch(r) ||
               r.StartsWith("github.com/", StringComparison.OrdinalIgnoreCase) ||
               r.StartsWith("gitlab.com/", StringComparison.OrdinalIgnoreCase) ||
               r.StartsWith("bitbucket.org/", StringComparison.OrdinalIgnoreCase) ||
               r.StartsWith("git::", StringComparison.Ordinal) ||
               r.Contains("?ref=", StringComparison.Ordinal) ||
               r.Contains("?version=", StringComparison.Ordinal) ||
               r.Contains(".git//", StringComparison.Ordinal);
    }

    /// <summary>user@host:path, the scp-like SSH form (util/git IsSSHURL).</summary>
    [System.Text.RegularExpressions.GeneratedRegex("^[^/:@]+@[^/:@]+:")]
    private static partial System.Text.RegularExpressions.Regex ScpLikeRegex();

    private static System.Text.RegularExpressions.Regex ScpLike => ScpLikeRegex();
}

/// <summary>Where a path named by a source resolves to.</summary>
public enum SandboxVerdict
{
    /// <summary>Inside the repository; <see cref="SandboxedPath.FullPath"/> is its real path.</summary>
    Inside,

    /// <summary>Would be inside, but does not exist (or loops); the tool will report it.</summary>
    Missing,

    /// <summary>Leaves the repository (<c>..</c> above the root, an absolute path, or a symlink pointing outside): never read.</summary>
    Outside,

    /// <summary>A URL or remote git reference: never fetched.</summary>
    Remote,
}

/// <summary>One resolved reference: the verdict, the repo-relative path (when it has one), the real path when inside, and why not.</summary>
public sealed record SandboxedPath(string Reference, SandboxVerdict Verdict, string? RelativePath, string? FullPath, string? Problem);
