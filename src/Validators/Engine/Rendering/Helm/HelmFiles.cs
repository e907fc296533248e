using System.Text;
using PlatformValidation.Validators.Templating;

namespace PlatformValidation.Validators.Rendering.Helm;

/// <summary>
/// <c>.Files</c> of a chart [helm pkg/engine/files.go]: Get, GetBytes, Glob (another Files), Lines, AsConfig and
/// AsSecrets (YAML maps of base names to contents, base64 for secrets). Missing files read as "".
/// </summary>
internal sealed class HelmFiles(IReadOnlyDictionary<string, byte[]> files) : IGoFields
{
    public bool TryGetField(string name, out object? value)
    {
        value = name switch
        {
            "Get" => new GoMethod("Get", a => files.TryGetValue(Path(a), out var b) ? Encoding.UTF8.GetString(b) : string.Empty),
            "GetBytes" => new GoMethod("GetBytes", a => files.TryGetValue(Path(a), out var b) ? Encoding.UTF8.GetString(b) : string.Empty),
            "Glob" => new GoMethod("Glob", a => new HelmFiles(Glob(Path(a)))),
            "Lines" => new GoMethod("Lines", a => files.TryGetValue(Path(a), out var b)
                ? Encoding.UTF8.GetString(b).TrimEnd('\n').Split('\n').Select(l => (object?)l).ToList()
                : new List<object?>()),
            "AsConfig" => new GoMethod("AsConfig", _ => AsMap(b => Encoding.UTF8.GetString(b))),
            "AsSecrets" => new GoMethod("AsSecrets", _ => AsMap(Convert.ToBase64String)),
            _ => null,
        };
        return value is not null;
    }

    private static string Path(List<object?> a) => a.Count == 1 ? GoValues.ToStr(a[0]) : throw new GoTemplateException($"wrong number of args: want 1 got {a.Count}");

    private Dictionary<string, byte[]> Glob(string pattern)
    {
        Patterns.GlobPattern glob;
        try
        {
            glob = Patterns.GlobPattern.Compile(pattern);
        }
        catch (FormatException ex)
        {
            throw new GoTemplateException(ex.Message);
        }

        return files.Where(p => glob.IsMatch(p.Key)).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);
    }

    private string AsMap(Func<byte[], string> encode)
    {
        if (files.Count == 0)
        {
            return string.Empty;
        }

        var map = files.ToDictionary(p => System.IO.Path.GetFileName(p.Key), p => (object?)encode(p.Value), StringComparer.Ordinal);
        return GoYaml.Marshal(map).TrimEnd('\n');
    }
}
