namespace PlatformValidation.AppHost.Substrates;

/// <summary>
/// Rewrites the platform's canonical repoURL to another one in every manifest of a repo snapshot — what fork-init
/// does for a fork, here so that Argo CD inside a cluster reads the harness's git server. Matches the URL with and
/// without its <c>.git</c> suffix; only YAML and JSON files are touched.
/// </summary>
public static class RepoUrlRewriter
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    /// <summary>Rewrites every file under <paramref name="root"/>; returns the repo-relative paths changed.</summary>
    public static IReadOnlyList<string> Rewrite(string root, IEnumerable<string> canonicalUrls, string newUrl)
    {
        ArgumentNullException.ThrowIfNull(canonicalUrls);
        ArgumentException.ThrowIfNullOrEmpty(newUrl);
        var variants = canonicalUrls
            .SelectMany(u => new[] { u, u.EndsWith(".git", StringComparison.Ordinal) ? u[..^4] : u + ".git" })
            .Where(u => u.Length > 0 && u != newUrl)
            .Distinct(StringComparer.Ordinal)
            .OrderByDescending(u => u.Length) // "x.git" before "x", so the suffix is not left behind
            .ToList();
        var changed = new List<string>();
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories))
        {
            if (!Extensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase) || file.Contains(Path.DirectorySeparatorChar + ".git" + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                continue;
            }

            var text = File.ReadAllText(file);
            var result = RewriteText(text, variants, newUrl);
            if (!ReferenceEquals(result, text) && result != text)
            {
                File.WriteAllText(file, result);
                changed.Add(Path.GetRelativePath(root, file).Replace('\\', '/'));
            }
        }

        return changed;
    }

    /// <summary>Replaces whole-URL occurrences (followed by a quote, whitespace, or end of line) of each variant.</summary>
    public static string RewriteText(string text, IReadOnlyList<string> variants, string newUrl)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(variants);
        var result = text;
        foreach (var v in variants)
        {
            var index = 0;
            while ((index = result.IndexOf(v, index, StringComparison.Ordinal)) >= 0)
            {
                var end = index + v.Length;
                var boundary = end == result.Length || result[end] is '"' or '\'' or ' ' or '\n' or '\r' or '\t' or ',' or '}' or ']' or '/';
                if (boundary && (end == result.Length || result[end] != '/'))
                {
                    result = result[..index] + newUrl + result[end..];
                    index += newUrl.Length;
                }
                else
                {
                    index = end;
                }
            }
        }

        return result;
    }
}
