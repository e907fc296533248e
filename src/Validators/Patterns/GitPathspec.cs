namespace PlatformValidation.Validators.Patterns;

/// <summary>
/// The pathspec matching of <c>git ls-files -- PATTERN</c>, which the git files generator uses by default: a
/// pattern without wildcards matches that file or everything under that directory; with wildcards it is an
/// fnmatch where <c>*</c> also crosses <c>/</c> [§7.1 "greedy" globbing].
/// </summary>
public static class GitPathspec
{
    /// <summary>True when repo-relative <paramref name="path"/> matches <paramref name="pattern"/>.</summary>
    public static bool IsMatch(string pattern, string path) => throw new NotImplementedException();
}
