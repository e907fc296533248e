using PlatformValidation.Validators.Patterns;

namespace PlatformValidation.Fakes.Cluster.StandIns;

/// <summary>Image references matched against stand-in patterns: the engine's glob (<see cref="GlobPattern"/>), ignoring case.</summary>
public static class ImagePattern
{
    public static bool Matches(string pattern, string image)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(image);
        return GlobPattern.Match(pattern, image, ignoreCase: true);
    }

    public static bool Any(IEnumerable<string> patterns, string image) => patterns.Any(p => Matches(p, image));
}
