using System.Text.RegularExpressions;

namespace PlatformValidation.Validators.Rendering;

/// <summary>How an external tool run ended.</summary>
public sealed partial record ToolResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>
    /// The first <paramref name="lines"/> non-empty lines of stderr (or stdout when stderr is empty), for messages,
    /// without klog line headers (<c>E1207 12:00:00.000000   1234 file.go:12] </c>, which kubectl writes before its
    /// errors) so each line starts with what went wrong.
    /// </summary>
    public string FirstErrorLines(int lines = 8)
    {
        var text = string.IsNullOrWhiteSpace(StandardError) ? StandardOutput : StandardError;
        var all = text.Split('\n').Select(l => StripKlogHeader(l.TrimEnd('\r'))).Where(l => l.Trim().Length > 0).ToList();

        // Deprecation warnings come first in kustomize's stderr; show the error itself when there is one.
        var errors = all.Where(l => !l.TrimStart('#', ' ').StartsWith("Warning:", StringComparison.OrdinalIgnoreCase)).ToList();
        var selected = (errors.Count > 0 ? errors : all).Take(lines + 1).ToList();
        var shown = string.Join("\n", selected.Take(lines));
        return selected.Count > lines ? shown + "\n…" : shown;
    }

    /// <summary>
    /// Removes a klog header: severity letter (I, W, E, F), month and day, time with microseconds, thread id, and
    /// <c>file:line]</c> (k8s.io/klog/v2 klog.go, formatHeader).
    /// </summary>
    internal static string StripKlogHeader(string line)
    {
        var match = KlogHeader().Match(line);
        return match.Success ? line[match.Length..] : line;
    }

    [GeneratedRegex(@"^[IWEF]\d{4} \d{2}:\d{2}:\d{2}\.\d{6}\s+\d+ [^\s\]]+:\d+\] ?", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex KlogHeader();
}
