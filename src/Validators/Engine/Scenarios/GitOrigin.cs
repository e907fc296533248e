using System.Diagnostics;

namespace PlatformValidation.Validators.Scenarios;

/// <summary>
/// The URL a checkout was cloned from: <c>git remote get-url origin</c> run in the repo directory, with a short
/// timeout. Null when git is missing, the directory is not a git checkout, or it has no origin.
/// </summary>
public static class GitOrigin
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    /// <summary>An http(s) URL without its user-info (a token in a remote URL must never reach a report).</summary>
    public static string WithoutCredentials(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var scheme = url.IndexOf("://", StringComparison.Ordinal);
        if (scheme < 0 || !url.StartsWith("http", StringComparison.OrdinalIgnoreCase))
        {
            return url;
        }

        var hostStart = scheme + 3;
        var slash = url.IndexOf('/', hostStart);
        var at = url.LastIndexOf('@', slash < 0 ? url.Length - 1 : slash);
        return at >= hostStart ? url[..hostStart] + url[(at + 1)..] : url;
    }

    /// <summary>The origin URL of the checkout at <paramref name="directory"/>, or null.</summary>
    public static string? Read(string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        if (!Directory.Exists(Path.Combine(directory, ".git")) && !File.Exists(Path.Combine(directory, ".git")))
        {
            // Only the checkout's own remote: never a parent directory's repository.
            return null;
        }

        try
        {
            var start = new ProcessStartInfo("git")
            {
                WorkingDirectory = directory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            start.ArgumentList.Add("remote");
            start.ArgumentList.Add("get-url");
            start.ArgumentList.Add("origin");
            start.Environment["GIT_TERMINAL_PROMPT"] = "0";
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            var url = output.Result.Trim();
            return process.ExitCode == 0 && url.Length > 0 && !url.Contains('\n', StringComparison.Ordinal) ? WithoutCredentials(url) : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }
}
