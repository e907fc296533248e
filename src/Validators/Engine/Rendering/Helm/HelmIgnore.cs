using PlatformValidation.Validators.Patterns;

namespace PlatformValidation.Validators.Rendering.Helm;

/// <summary>
/// <c>.helmignore</c> as Helm reads it [helm pkg/ignore/rules.go, pkg/chart/v2/loader/directory.go]: one rule a line
/// (blank lines and <c>#</c> comments skipped), Go <c>filepath.Match</c> globs; a rule without <c>/</c> matches the last
/// path element, one with <c>/</c> the whole chart-relative path, a leading <c>/</c> anchors at the chart root, a
/// trailing <c>/</c> matches directories only, <c>**</c> is an error. Rules are tried in order and the first match
/// ignores; a negated rule (<c>!p</c>) ignores every path it does <i>not</i> match and lets a matching path go on to the
/// next rule (Helm's behaviour, odder than git's). An ignored directory drops everything under it. Helm always adds
/// <c>templates/.?*</c> (dotfiles in templates/). Only the top chart's file applies, to every path of the directory
/// it loads (subcharts included); archives are not filtered (<c>helm package</c> already did).
/// </summary>
public sealed class HelmIgnore
{
    private readonly List<Rule> rules = [];

    private HelmIgnore()
    {
    }

    /// <summary>Parses a <c>.helmignore</c> (and adds Helm's default rule). Throws <see cref="HelmChartException"/> naming the bad rule.</summary>
    public static HelmIgnore Parse(string? text, string displayPath)
    {
        var result = new HelmIgnore();
        var lines = (text ?? string.Empty).TrimStart('\uFEFF').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            result.Add(lines[i], $"{displayPath}:{i + 1}");
        }

        result.Add("templates/.?*", displayPath);
        return result;
    }

    /// <summary>True when <paramref name="path"/> (chart-relative, <c>/</c>-separated) is ignored.</summary>
    public bool Ignore(string path, bool isDirectory)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (path.Length == 0 || path is "." or "./")
        {
            return false; // the chart directory itself is never ignored (helm issue 1776)
        }

        foreach (var rule in rules)
        {
            if (rule.Negate)
            {
                if ((rule.DirectoryOnly && !isDirectory) || !rule.Matches(path))
                {
                    return true;
                }

                continue;
            }

            if (rule.DirectoryOnly && !isDirectory)
            {
                continue;
            }

            if (rule.Matches(path))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>The files that survive, as the directory walk sees them: a file under an ignored directory is ignored.</summary>
    public List<string> Keep(IEnumerable<string> files)
    {
        ArgumentNullException.ThrowIfNull(files);
        var directories = new Dictionary<string, bool>(StringComparer.Ordinal);
        bool DirectoryIgnored(string dir)
        {
            if (!directories.TryGetValue(dir, out var ignored))
            {
                var slash = dir.LastIndexOf('/');
                ignored = (slash > 0 && DirectoryIgnored(dir[..slash])) || Ignore(dir, isDirectory: true);
                directories[dir] = ignored;
            }

            return ignored;
        }

        return files.Where(f =>
            {
                var slash = f.LastIndexOf('/');
                return !(slash > 0 && DirectoryIgnored(f[..slash])) && !Ignore(f, isDirectory: false);
            })
            .ToList();
    }

    private void Add(string line, string where)
    {
        var rule = line.Trim();
        if (rule.Length == 0 || rule.StartsWith('#'))
        {
            return;
        }

        if (rule.Contains("**", StringComparison.Ordinal))
        {
            throw new HelmChartException($"{where}: .helmignore rule '{rule}': double-star (**) syntax is not supported");
        }

        try
        {
            GoPathMatch.IsMatch(rule, "abc");
        }
        catch (FormatException)
        {
            throw new HelmChartException($"{where}: .helmignore rule '{rule}': syntax error in pattern");
        }

        var negate = rule.StartsWith('!');
        var pattern = negate ? rule[1..] : rule;
        var directoryOnly = pattern.EndsWith('/');
        pattern = directoryOnly ? pattern[..^1] : pattern;
        var anchored = pattern.StartsWith('/');
        pattern = anchored ? pattern[1..] : pattern;
        rules.Add(new Rule(pattern, negate, directoryOnly, WholePath: anchored || pattern.Contains('/', StringComparison.Ordinal)));
    }

    private sealed record Rule(string Pattern, bool Negate, bool DirectoryOnly, bool WholePath)
    {
        public bool Matches(string path)
        {
            var name = WholePath ? path : LastElement(path);
            try
            {
                return GoPathMatch.IsMatch(Pattern, name);
            }
            catch (FormatException)
            {
                return false; // Helm logs "failed to compile" and does not match
            }
        }

        /// <summary>Go's filepath.Base: the last element, trailing slashes dropped.</summary>
        private static string LastElement(string path)
        {
            var trimmed = path.TrimEnd('/');
            if (trimmed.Length == 0)
            {
                return "/";
            }

            var slash = trimmed.LastIndexOf('/');
            return slash < 0 ? trimmed : trimmed[(slash + 1)..];
        }
    }
}
