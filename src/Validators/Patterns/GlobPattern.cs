namespace PlatformValidation.Validators.Patterns;

/// <summary>
/// gobwas/glob patterns as Argo CD's <c>util/glob</c> compiles them without separators: <c>*</c> and <c>**</c>
/// match any run of characters including <c>/</c>, <c>?</c> one character, <c>[abc]</c>/<c>[!a-z]</c> classes,
/// <c>{a,b}</c> alternation, <c>\</c> escapes [ARGOCD-SEMANTICS §1.2]. Used for directory include/exclude.
/// </summary>
public sealed class GlobPattern
{
    private GlobPattern(string pattern)
    {
        Pattern = pattern;
    }

    public string Pattern { get; }

    /// <summary>Compiles <paramref name="pattern"/>; throws <see cref="FormatException"/> when it is malformed.</summary>
    public static GlobPattern Compile(string pattern) => throw new NotImplementedException();

    /// <summary>True when the whole of <paramref name="text"/> matches.</summary>
    public bool IsMatch(string text) => throw new NotImplementedException();
}
