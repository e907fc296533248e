using System.Text;
using System.Text.RegularExpressions;

namespace PlatformValidation.Validators.Scenarios;

/// <summary>
/// Reads a scenario file (docs/scenario-format.md). Unknown fields, wrong types and inconsistent references are
/// all collected and thrown together as a <see cref="ScenarioException"/> whose errors carry file:line and a fix.
/// </summary>
public static partial class ScenarioParser
{
    /// <summary>Largest scenario file read.</summary>
    public const long MaxFileBytes = 4L * 1024 * 1024;

    /// <summary>Reads and parses the scenario at <paramref name="path"/> (relative paths inside resolve against its directory).</summary>
    public static Scenario Load(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        if (Directory.Exists(full))
        {
            throw new ScenarioException($"{path} is a directory; pass the scenario file itself (e.g. {Path.Combine(path, "sample.yaml")}), or use --repo for a repo directory.");
        }

        if (!File.Exists(full))
        {
            throw new ScenarioException($"scenario file {path} does not exist (looked at {full}); check the path, or run from the directory that holds it.");
        }

        var info = new FileInfo(full);
        if (info.Length > MaxFileBytes)
        {
            throw new ScenarioException($"{path}: the file is {info.Length} bytes, more than the {MaxFileBytes} a scenario may have; check that this is a scenario file.");
        }

        string text;
        try
        {
            var bytes = File.ReadAllBytes(full);
            if (bytes.AsSpan().IndexOf((byte)0) >= 0)
            {
                throw new ScenarioException($"{path}: the file is binary (it contains NUL bytes); pass a YAML scenario file.");
            }

            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            throw new ScenarioException($"{path}: the file is not UTF-8 text; save it as UTF-8.");
        }
        catch (IOException e)
        {
            throw new ScenarioException($"{path}: cannot read the file ({e.Message}); check its permissions.", e);
        }
        catch (UnauthorizedAccessException e)
        {
            throw new ScenarioException($"{path}: cannot read the file ({e.Message}); check its permissions.", e);
        }

        return Parse(text, path, Path.GetDirectoryName(full)!);
    }

    /// <summary>Parses scenario text; <paramref name="displayPath"/> names it in errors, <paramref name="baseDirectory"/> anchors <c>repo.path</c>.</summary>
    public static Scenario Parse(string text, string displayPath, string baseDirectory)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(displayPath);
        ArgumentNullException.ThrowIfNull(baseDirectory);
        var reader = new ScenarioReader(displayPath.Replace('\\', '/'), baseDirectory);
        return reader.Read(text.TrimStart('\uFEFF'));
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    internal static partial Regex DnsLabel();
}
