using System.Text.RegularExpressions;

namespace PlatformValidation.Fakes.Cluster.StandIns;

/// <summary>Glob matching of image references (* any run of characters, ? one character), case-insensitive.</summary>
public static class ImagePattern
{
    public static bool Matches(string pattern, string image)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(image);
        var regex = "^" + Regex.Escape(pattern).Replace("\\*", ".*", StringComparison.Ordinal).Replace("\\?", ".", StringComparison.Ordinal) + "$";
        return Regex.IsMatch(image, regex, RegexOptions.IgnoreCase, TimeSpan.FromSeconds(1));
    }

    public static bool Any(IEnumerable<string> patterns, string image) => patterns.Any(p => Matches(p, image));
}
