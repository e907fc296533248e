namespace PlatformValidation.Validators.Loading;

/// <summary>Where an object or a problem comes from: a repo-relative path (forward slashes) and 1-based line/column.</summary>
public sealed record SourceLocation(string File, int Line, int Column)
{
    /// <summary>A location that points at a whole file.</summary>
    public static SourceLocation OfFile(string file) => new(file, 1, 1);

    /// <summary><c>file:line:column</c>, the form editors and CI annotations understand.</summary>
    public override string ToString() => $"{File}:{Line}:{Column}";
}
