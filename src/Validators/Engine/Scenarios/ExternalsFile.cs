using System.Text;

namespace PlatformValidation.Validators.Scenarios;

/// <summary>
/// Reads an externals file for <c>validate --externals FILE</c>: a YAML mapping with <c>externals</c> and optionally
/// <c>clusters</c>, in the same formats as a scenario's (docs/scenario-format.md), so a list can move between the two
/// unchanged.
/// Errors carry file:line and are thrown together as a <see cref="ScenarioException"/>.
/// </summary>
public static class ExternalsFile
{
    /// <summary>Reads the externals at <paramref name="path"/>.</summary>
    public static IReadOnlyList<ExternalObject> Load(string path) => LoadDeclaration(path).Externals;

    /// <summary>Reads the externals and the declared clusters at <paramref name="path"/>.</summary>
    public static ExternalsDeclaration LoadDeclaration(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var full = Path.GetFullPath(path);
        if (!File.Exists(full))
        {
            throw new ScenarioException($"--externals {path} does not exist (looked at {full}); pass a YAML file with an 'externals:' list (format of a scenario's externals).");
        }

        if (new FileInfo(full).Length > ScenarioParser.MaxFileBytes)
        {
            throw new ScenarioException($"--externals {path}: the file is larger than {ScenarioParser.MaxFileBytes} bytes; check that this is an externals file.");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(File.ReadAllBytes(full));
        }
        catch (Exception e) when (e is DecoderFallbackException or IOException or UnauthorizedAccessException)
        {
            throw new ScenarioException($"--externals {path}: cannot read the file as UTF-8 text ({e.Message}).", e);
        }

        return ParseDeclaration(text, path);
    }

    /// <summary>Parses externals text; <paramref name="displayPath"/> names it in errors.</summary>
    public static IReadOnlyList<ExternalObject> Parse(string text, string displayPath) => ParseDeclaration(text, displayPath).Externals;

    /// <summary>Parses externals text with its <c>clusters</c>; <paramref name="displayPath"/> names it in errors.</summary>
    public static ExternalsDeclaration ParseDeclaration(string text, string displayPath)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(displayPath);
        return new ScenarioReader(displayPath.Replace('\\', '/'), Directory.GetCurrentDirectory()).ReadExternalsOnly(text.TrimStart('\uFEFF'));
    }
}

/// <summary>What an externals file declares: objects the cluster provides and the cluster Secrets Argo CD holds.</summary>
public sealed record ExternalsDeclaration(IReadOnlyList<ExternalObject> Externals, IReadOnlyList<Argo.ArgoCluster> Clusters);
