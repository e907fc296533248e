namespace PlatformValidation.Validators.Rendering;

/// <summary>How an external tool run ended.</summary>
public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError, bool TimedOut)
{
    public bool Succeeded => !TimedOut && ExitCode == 0;

    /// <summary>The first <paramref name="lines"/> non-empty lines of stderr (or stdout when stderr is empty), for messages.</summary>
    public string FirstErrorLines(int lines = 8)
    {
        var text = string.IsNullOrWhiteSpace(StandardError) ? StandardOutput : StandardError;
        var all = text.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Trim().Length > 0).ToList();

        // Deprecation warnings come first in kustomize's stderr; show the error itself when there is one.
        var errors = all.Where(l => !l.TrimStart('#', ' ').StartsWith("Warning:", StringComparison.OrdinalIgnoreCase)).ToList();
        var selected = (errors.Count > 0 ? errors : all).Take(lines + 1).ToList();
        var shown = string.Join("\n", selected.Take(lines));
        return selected.Count > lines ? shown + "\n…" : shown;
    }
}
