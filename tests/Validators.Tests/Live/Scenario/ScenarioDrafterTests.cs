using PlatformValidation.Validators.Analyzers;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Live.Scenario.Drafting;
using PlatformValidation.Validators.Scenarios;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Live.Scenario;

public class ScenarioDrafterTests
{
    private static async Task<(string Text, PlatformValidation.Validators.Scenarios.Scenario Parsed, IReadOnlyList<Finding> Findings)> DraftAndValidateAsync(string repo)
    {
        var output = Path.Combine(Directory.CreateTempSubdirectory("pv-draft-").FullName, "draft.yaml");
        var text = await ScenarioDrafter.DraftAsync(repo, output);
        await File.WriteAllTextAsync(output, text);
        var parsed = ScenarioParser.Load(output);
        var report = await new StaticValidator().ValidateAsync(parsed);
        return (text, parsed, report.Findings);
    }

    [Test]
    public async Task TheDraftOfTheSamplePassesValidateWithTheSamplesLayerOrder()
    {
        var (_, parsed, findings) = await DraftAndValidateAsync(RepoPaths.SamplePlatform);

        Assert.Multiple(() =>
        {
            Assert.That(findings.Where(f => f.Severity == Severity.Error).Select(f => $"{f.Id} {f.Message}"), Is.Empty);
            Assert.That(parsed.Layers.Select(l => l.Name), Is.EqualTo(new[] { "platform", "serving", "routing", "llm-gateway", "experience", "demos" }));
            Assert.That(parsed.FindLayer("demos")!.Demo, Is.True);
            Assert.That(parsed.CostGates.Select(g => g.App), Is.EquivalentTo(new[] { "raw-vllm", "kserve-demo", "inference-demo" }));
            Assert.That(parsed.Smoke!.ApiKey!.SecretRef, Is.EqualTo(new SecretKeyRef("llm", "vllm-api-key", "api-key")));
        });
    }

    [Test]
    public async Task TheDraftOfASecondPlatformTakesItsProfilesFromTheMakefileAndPassesValidate()
    {
        using var platform = SecondPlatform.Create();

        var (text, parsed, findings) = await DraftAndValidateAsync(platform.RepoDirectory);

        var gate = parsed.CostGates.Single();
        Assert.Multiple(() =>
        {
            Assert.That(findings.Where(f => f.Severity == Severity.Error).Select(f => $"{f.Id} {f.Message}"), Is.Empty, text);
            Assert.That(parsed.Profiles.Select(p => $"{p.Name}: {string.Join(",", p.Layers)}"), Is.EqualTo(new[] { "minimal: core", "standard: core,models", "complete: core,models,playground" }));
            Assert.That(parsed.FindLayer("playground")!.Demo, Is.True);
            Assert.That(parsed.AlwaysApply.Select(m => m.Path), Is.EqualTo(new[] { "bootstrap/project.yaml" }));
            Assert.That((gate.App, gate.Workload!.Name, gate.Scale, gate.Gpu), Is.EqualTo(("llm-server", "llm-server", new ScaleSpec(1, 0), true)));
            Assert.That((parsed.Smoke!.Model, parsed.Smoke.Service, parsed.Smoke.ApiKey), Is.EqualTo(("tiny-chat", new ServiceRef("models", "llm-server", "80"), (ApiKeySource?)null)));
            Assert.That(parsed.Probes["minimal"].Select(p => (p.Service.Name, p.Path)), Is.EqualTo(new[] { ("web", "/healthz") }));
            Assert.That(parsed.Substrate.Nodes.Single().Labels["gpu-type"], Is.EqualTo("a10"));
            Assert.That(parsed.Substrate.Nodes.Single().Taints.Single(), Is.EqualTo(new NodeTaint("example.com/gpu", "true", "NoSchedule")));
            Assert.That(parsed.Substrate.Images.Single().Match, Is.EqualTo("vllm/vllm-openai:*"));
            Assert.That(text, Does.Contain("# guessed from Makefile:2"));
        });
    }

    [Test]
    public void EveryGuessedEntryIsMarked()
    {
        using var platform = SecondPlatform.Create();
        var text = ScenarioDrafter.DraftAsync(platform.RepoDirectory, Path.Combine(platform.Root, "draft.yaml")).GetAwaiter().GetResult();

        var entries = text.Split('\n').Where(l => l.StartsWith("  - name:", StringComparison.Ordinal) || l.StartsWith("  - app:", StringComparison.Ordinal) || l.StartsWith("    - {name:", StringComparison.Ordinal) || l.Contains("scale:", StringComparison.Ordinal) || l.Contains("model:", StringComparison.Ordinal));
        Assert.That(entries.Where(l => !l.Contains("# guessed", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void MakefileProfilesFollowReferencesAndContinuations()
    {
        var profiles = MakefileProfiles.Read("ROOTS_A := a.yaml\nROOTS_B = $(ROOTS_A) \\\n   b.yaml # comment\nROOTS_C_D ?= ${ROOTS_B} c.yaml\nOTHER := x\nROOTS_B += b2.yaml\n");

        Assert.That(profiles.Select(p => $"{p.Profile}={string.Join(",", p.Files)}@{p.Line}"), Is.EqualTo(new[] { "a=a.yaml@1", "b=a.yaml,b.yaml,b2.yaml@2", "c-d=a.yaml,b.yaml,b2.yaml,c.yaml@4" }));
    }
}
