namespace PlatformValidation.Validators.Loading;

/// <summary>
/// The order Go's filepath.Walk visits repo-relative paths: depth-first, names in lexical order within a directory
/// (so <c>a/b</c> comes before <c>a-c</c>, unlike a plain ordinal sort).
/// </summary>
public sealed class PathOrder : IComparer<string>
{
    public static PathOrder Instance { get; } = new();

    public int Compare(string? x, string? y)
    {
        if (ReferenceEquals(x, y))
        {
            return 0;
        }

        if (x is null || y is null)
        {
            return x is null ? -1 : 1;
        }

        var xs = x.Split('/');
        var ys = y.Split('/');
        for (var i = 0; i < Math.Min(xs.Length, ys.Length); i++)
        {
            var c = string.CompareOrdinal(xs[i], ys[i]);
            if (c != 0)
            {
                return c;
            }
        }

        return xs.Length.CompareTo(ys.Length);
    }
}
