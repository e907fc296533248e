using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Model;
using YamlDotNet.RepresentationModel;

namespace PlatformValidation.Fakes.ArgoCd.Health.Conformance;

/// <summary>One upstream health test: the input file, what Argo CD expects and what the simulation said.</summary>
public sealed record HealthCase(string Input, string ExpectedStatus, string ExpectedMessage, string ActualStatus, string ActualMessage)
{
    public bool Passed => ExpectedStatus == ActualStatus && ExpectedMessage == ActualMessage;
}

/// <summary>The tests of one <c>group/Kind</c> folder.</summary>
public sealed record HealthKindResult(string Kind, IReadOnlyList<HealthCase> Cases, string? Error = null)
{
    public int Passed => Cases.Count(c => c.Passed);

    public bool AllPassed => Error is null && Cases.All(c => c.Passed);
}

/// <summary>
/// Runs Argo CD's own health tests (<c>resource_customizations/&lt;group&gt;/&lt;Kind&gt;/health_test.yaml</c>, each
/// entry an <c>inputPath</c> and the expected <c>healthStatus</c>) through the simulated Argo CD: the script is loaded
/// as an argocd-cm <c>resource.customizations.health.&lt;group_kind&gt;</c> entry with
/// <c>resource.customizations.useOpenLibs.&lt;group_kind&gt;: "true"</c> (Argo CD opens the libraries for its
/// built-in scripts and in this very test), found for the input object as the controller finds it, evaluated, and
/// status and message compared [argo-cd util/lua/health_test.go TestLuaHealthScript]. Reads the checkout where it lies.
/// </summary>
public static class HealthConformance
{
    private const string TestFile = "health_test.yaml";

    public static IReadOnlyList<HealthKindResult> Run(string checkout)
    {
        using var dir = ResourceCustomizationsDirectory.Load(checkout);
        var results = new List<HealthKindResult>();
        foreach (var kind in dir.Kinds.Order(StringComparer.Ordinal))
        {
            var folder = Path.Combine(dir.Root, kind);
            if (File.Exists(Path.Combine(folder, TestFile)))
            {
                results.Add(RunKind(dir, folder, kind));
            }
        }

        return results;
    }

    private static HealthKindResult RunKind(ResourceCustomizationsDirectory builtIns, string folder, string kind)
    {
        var slash = kind.IndexOf('/', StringComparison.Ordinal);
        var groupKind = $"{kind[..slash].Replace('_', '*')}_{kind[(slash + 1)..].Replace('_', '*')}";
        List<(string Input, string Status, string Message)> tests;
        try
        {
            tests = ReadTests(Path.Combine(folder, TestFile));
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or InvalidDataException or IOException)
        {
            return new HealthKindResult(kind, [], $"{TestFile}: {e.Message}");
        }

        using var settings = new ArgoCdSettings(new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["resource.customizations.health." + groupKind] = File.ReadAllText(Path.Combine(folder, ResourceCustomizationsDirectory.HealthScriptFile)),
            ["resource.customizations.useOpenLibs." + groupKind] = "true",
        });
        var cases = new List<HealthCase>();
        foreach (var (input, status, message) in tests)
        {
            cases.Add(RunCase(settings, builtIns, folder, input, status, message));
        }

        return new HealthKindResult(kind, cases);
    }

    private static HealthCase RunCase(ArgoCdSettings settings, ResourceCustomizationsDirectory builtIns, string folder, string input, string status, string message)
    {
        JsonObject obj;
        try
        {
            var path = Path.GetFullPath(Path.Combine(folder, input));
            if (!path.StartsWith(Path.GetFullPath(folder), StringComparison.Ordinal))
            {
                return new HealthCase(input, status, message, "error", "inputPath leaves the kind's folder");
            }

            if (GoYaml.Parse(File.ReadAllText(path)) is not JsonObject o)
            {
                return new HealthCase(input, status, message, "error", "input is not a YAML mapping");
            }

            obj = o;
        }
        catch (Exception e) when (e is YamlDotNet.Core.YamlException or InvalidDataException or IOException)
        {
            return new HealthCase(input, status, message, "error", e.Message);
        }

        var (group, _) = ResourceKey.SplitApiVersion(Json.Str(obj, "apiVersion") ?? string.Empty);
        var objKind = Json.Str(obj, "kind") ?? string.Empty;
        // As the upstream test does, the script is the one Argo CD picks for the input object: an exact folder beats a
        // wildcard one, and an input of another kind (some folders test neighbours) gets that kind's script.
        var script = builtIns.HasExact(group, objKind) && !builtIns.IsExactFolder(folder)
            ? builtIns.HealthScriptFor(group, objKind)
            : settings.HealthScriptFor(group, objKind) ?? builtIns.HealthScriptFor(group, objKind);
        if (script is null)
        {
            return new HealthCase(input, status, message, "error", $"no health script found for {group}/{objKind}");
        }

        var health = script.Evaluate(obj);
        return new HealthCase(input, status, message, health.Status.ToString(), health.Message ?? string.Empty);
    }

    private static List<(string Input, string Status, string Message)> ReadTests(string file)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(file)));
        var tests = new List<(string, string, string)>();
        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is not YamlMappingNode root ||
            !root.Children.TryGetValue(new YamlScalarNode("tests"), out var list) || list is not YamlSequenceNode seq)
        {
            throw new InvalidDataException("expected a 'tests' list");
        }

        foreach (var item in seq.Children.OfType<YamlMappingNode>())
        {
            var input = Scalar(item, "inputPath") ?? throw new InvalidDataException($"line {item.Start.Line}: a test without inputPath");
            var hs = Field(item, "healthStatus") as YamlMappingNode;
            tests.Add((input, hs is null ? string.Empty : Scalar(hs, "status") ?? string.Empty, hs is null ? string.Empty : Scalar(hs, "message") ?? string.Empty));
        }

        return tests;
    }

    /// <summary>A field by name, matched case-insensitively as Go's encoding/json matches struct fields (so <c>inputpath</c> counts).</summary>
    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.FirstOrDefault(c => c.Key is YamlScalarNode k && string.Equals(k.Value, key, StringComparison.OrdinalIgnoreCase)).Value is YamlScalarNode s ? s.Value : null;

    private static YamlNode? Field(YamlMappingNode node, string key) =>
        node.Children.FirstOrDefault(c => c.Key is YamlScalarNode k && string.Equals(k.Value, key, StringComparison.OrdinalIgnoreCase)).Value;
}
