using PlatformValidation.Validators.Templating;

namespace PlatformValidation.Validators.Git;

/// <summary>
/// A git <c>targetRevision</c> that is a semver constraint (<c>&gt;=1.2.0 &lt;2.0.0</c>, <c>1.x</c>, <c>~1.4</c>, <c>*</c>)
/// resolves to the highest tag that satisfies it, as Argo CD's repo-server does before any other resolution
/// (util/versions MaxVersion, called from util/git resolveRevision). A revision that is itself a version
/// (<c>v1.0.0</c>, <c>1.0</c>) or no constraint at all (<c>main</c>, a SHA) is left to the usual branch/tag/SHA lookup;
/// a constraint no tag satisfies is too (and then fails there as an unknown revision). Tags that are not semantic
/// versions are ignored.
/// </summary>
public static class SemverRevision
{
    /// <summary>The tag <paramref name="revision"/> resolves to, or null when it is not a constraint or nothing satisfies it.</summary>
    public static string? MaxVersion(string revision, IEnumerable<string> tags)
    {
        ArgumentNullException.ThrowIfNull(revision);
        ArgumentNullException.ThrowIfNull(tags);
        if (revision.Length == 0 || IsVersion(revision))
        {
            // A version pins one tag (resolved by name like any tag).
            return null;
        }

        (GoSemver.Version Version, string Tag)? best = null;
        foreach (var tag in tags)
        {
            GoSemver.Version version;
            try
            {
                version = GoSemver.Parse(tag);
            }
            catch (GoTemplateException)
            {
                continue; // not a version tag
            }

            bool satisfies;
            try
            {
                satisfies = GoSemver.Satisfies(revision, tag);
            }
            catch (GoTemplateException)
            {
                return null; // not a constraint: resolved by name
            }

            if (satisfies && (best is null || version.CompareTo(best.Value.Version) > 0))
            {
                best = (version, tag);
            }
        }

        return best?.Tag;
    }

    private static bool IsVersion(string text)
    {
        try
        {
            GoSemver.Parse(text);
            return true;
        }
        catch (GoTemplateException)
        {
            return false;
        }
    }
}
