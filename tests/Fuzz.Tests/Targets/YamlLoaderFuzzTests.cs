using System.Text;
using FsCheck.Fluent;
using PlatformValidation.Fuzz.Tests.Generators;
using PlatformValidation.Fuzz.Tests.Harness;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Fuzz.Tests.Targets;

/// <summary>
/// The multi-document YAML/JSON loader (<c>ManifestLoader</c>, which reports problems as YAML001 findings with
/// file:line). Contract under fuzzing: it never throws and never hangs, whatever the bytes.
/// </summary>
[CancelAfter(FuzzTimeouts.TestMs)]
public sealed class YamlLoaderFuzzTests
{
    private static readonly string[] Keys =
    [
        "apiVersion", "kind", "metadata", "name", "namespace", "labels", "annotations", "spec", "template", "containers", "image",
        "items", "data", "stringData", "generators", "list", "elements", "<<", "source", "destination", "syncPolicy", "ports",
    ];

    private static readonly ManifestLoader Loader = new();

    [Test]
    public async Task LoaderNeverThrowsOrHangs()
    {
        var seeds = Corpus.Texts("yaml");
        var text = Gen.Frequency(
            (5, Hostile.Mutate(seeds)),
            (3, Hostile.AsJsonOrYaml(Hostile.JsonValue(Keys))),
            (2, Hostile.AliasAbuse),
            (1, Hostile.OddText),
            (1, Hostile.HugeScalar.Select(s => "a: " + s + "\n")),
            (1, Gen.Elements(seeds.ToArray()).Select(s => string.Join("\n---\n", Enumerable.Repeat(s, 50)))));
        var input = from t in text from asBytes in Gen.Elements(false, false, true) select (Text: t, AsBytes: asBytes);

        var report = await FuzzRunner.RunAsync("yaml-loader", seeds.Select(s => (Text: s, AsBytes: false)), input, (c, _) => Task.FromResult(Probe(c.Text, c.AsBytes)), c => c.Text);

        FuzzRunner.AssertNoFailures(report);
    }

    [Test]
    public async Task DeepNestingAndBombsEndInAFinding()
    {
        var inputs = Hostile.DeepInputs(1_000, 5_000)
            .Append(("billion laughs 9×9", Hostile.BillionLaughs(9, 9)))
            .ToList();

        var report = await FuzzRunner.RunAsync("yaml-loader-deep", inputs.Select(i => i.Item2), Gen.Constant(string.Empty), (t, _) => Task.FromResult(Probe(t, false)), t => t, TimeSpan.Zero);

        FuzzRunner.AssertNoFailures(report);
    }

    /// <summary>
    /// Flow nesting 100,000 deep (200 KB) once took minutes (a scan that grew with the square of the depth); the reader
    /// now stops the file at its depth limit at once (one YAML001), within the fuzz runner's per-case timeout.
    /// </summary>
    [TestCase(DeepShape.JsonArrays)]
    [TestCase(DeepShape.JsonObjects)]
    [TestCase(DeepShape.YamlFlow)]
    public async Task VeryDeepFlowNestingIsOneFindingNotAStall(DeepShape shape)
    {
        var report = await FuzzRunner.RunAsync("yaml-loader-deep", [Hostile.Deep(shape, 100_000)], Gen.Constant(string.Empty), (t, _) => Task.FromResult(Probe(t, false)), t => t, TimeSpan.Zero);

        FuzzRunner.AssertNoFailures(report);
    }

    private static FuzzOutcome Probe(string text, bool asBytes)
    {
        var result = asBytes ? Loader.LoadBytes(Encoding.UTF8.GetBytes(text).AsMemory(), "fuzz.yaml") : Loader.LoadText(text, "fuzz.yaml");
        return FuzzOutcome.Ok(result.Findings.Count > 0 ? "finding " + result.Findings[0].Id : $"objects ×{Math.Min(result.Objects.Count, 10)}");
    }
}
