namespace PlatformValidation.Validators.Patterns;

/// <summary>
/// Go's <c>path.Match</c>: <c>*</c> matches any run of non-<c>/</c> characters, <c>?</c> one non-<c>/</c>
/// character, <c>[...]</c> classes, <c>\</c> escapes. Used by the git directories generator [§7.1].
/// </summary>
public static class GoPathMatch
{
    /// <summary>True when <paramref name="name"/> matches <paramref name="pattern"/>; throws <see cref="FormatException"/> for a malformed pattern (Go's ErrBadPattern).</summary>
    public static bool IsMatch(string pattern, string name) => throw new NotImplementedException();
}
