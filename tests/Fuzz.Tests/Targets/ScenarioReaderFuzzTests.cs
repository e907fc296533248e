using FsCheck.Fluent;
using PlatformValidation.Fuzz.Tests.Generators;
using PlatformValidation.Fuzz.Tests.Harness;
using PlatformValidation.Validators.Scenarios;

namespace PlatformValidation.Fuzz.Tests.Targets;

/// <summary>
/// The scenario reader (<c>ScenarioParser.Parse</c> → <c>ScenarioReader</c>). Contract under fuzzing: a scenario or a
/// <see cref="ScenarioException"/> naming file and line; never another exception, never a hang.
/// </summary>
[CancelAfter(FuzzTimeouts.TestMs)]
public sealed class ScenarioReaderFuzzTests
{
    private static readonly string[] Keys =
    [
        "apiVersion", "kind", "name", "description", "repo", "path", "urls", "revision", "environment", "alwaysApply", "layers", "manifests", "demo",
        "profiles", "costGates", "app", "workload", "scale", "up", "down", "gpu", "idlePause", "groups", "layer", "file", "nameField", "enabledField",
        "externals", "smoke", "service", "namespace", "port", "model", "apiKey", "secretRef", "key", "probes", "substrate", "timeouts", "platformvalidation.io/v1alpha1", "Scenario",
    ];

    private string baseDirectory = null!;

    [SetUp]
    public void CreateBaseDirectory() => baseDirectory = Directory.CreateTempSubdirectory("fuzz-scenario-").FullName;

    [TearDown]
    public void RemoveBaseDirectory() => Directory.Delete(baseDirectory, recursive: true);

    [Test]
    public async Task ReaderAnswersAScenarioOrAScenarioException()
    {
        var seeds = Corpus.Texts("scenario");
        var header = "apiVersion: platformvalidation.io/v1alpha1\nkind: Scenario\n";
        var text = Gen.Frequency(
            (6, Hostile.Mutate(seeds)),
            (3, Hostile.JsonValue(Keys)),
            (2, Hostile.JsonValue(Keys).Select(json => header + "layers: " + json + "\nprofiles: " + json + "\n")),
            (1, Hostile.AliasAbuse.Select(a => header + a)),
            (1, Hostile.OddText),
            (1, Hostile.HugeScalar.Select(s => header + "name: " + s + "\n")));

        var report = await FuzzRunner.RunAsync("scenario-reader", seeds, text, (t, _) => Task.FromResult(Probe(t)), t => t);

        FuzzRunner.AssertNoFailures(report);
    }

    [Test]
    public async Task DeepNestingAndBombsAreAScenarioException()
    {
        var inputs = Hostile.DeepInputs(1_000, 10_000, 100_000).Select(i => i.Text)
            .Append(Hostile.BillionLaughs(9, 9, "apiVersion: platformvalidation.io/v1alpha1\nkind: Scenario\n"))
            .ToList();

        var report = await FuzzRunner.RunAsync("scenario-reader-deep", inputs, Gen.Constant(string.Empty), (t, _) => Task.FromResult(Probe(t)), t => t, TimeSpan.Zero);

        FuzzRunner.AssertNoFailures(report);
    }

    private FuzzOutcome Probe(string text)
    {
        try
        {
            ScenarioParser.Parse(text, "fuzz-scenario.yaml", baseDirectory);
            return FuzzOutcome.Ok("scenario");
        }
        catch (ScenarioException e)
        {
            return e.Message.Contains("fuzz-scenario.yaml", StringComparison.Ordinal)
                ? FuzzOutcome.Ok("ScenarioException")
                : FuzzOutcome.Fail("ScenarioException without file", "the message does not name the file: " + e.Message);
        }
    }
}
