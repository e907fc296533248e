using PlatformValidation.Validators.Scenarios;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Scenarios;

public class ScenarioParserTests
{
    private const string Minimal = """
        apiVersion: platformvalidation.io/v1alpha1
        kind: Scenario
        repo:
          path: .
          urls: [https://github.com/org/platform.git]
        layers:
          - name: platform
            manifests: [roots/platform.yaml]
          - name: demos
            demo: true
            manifests: [roots/demos.yaml]
        profiles:
          platform: [platform]
          full: [platform, demos]
        """;

    private static Scenario Parse(string text) => ScenarioParser.Parse(text, "scenario.yaml", Path.GetTempPath());

    private static ScenarioException Rejects(string text) => Assert.Throws<ScenarioException>(() => Parse(text))!;

    [Test]
    public void BundledSampleScenarioParsesWithItsLayersProfilesAndGates()
    {
        var scenario = ScenarioParser.Load(RepoPaths.SampleScenario);

        Assert.Multiple(() =>
        {
            Assert.That(scenario.Name, Is.EqualTo("sample-platform"));
            Assert.That(Directory.Exists(scenario.Repo.Directory), Is.True);
            Assert.That(scenario.Repo.CanonicalUrl, Is.EqualTo("https://github.com/example-org/ai-platform.git"));
            Assert.That(scenario.Layers.Select(l => l.Name), Is.EqualTo(new[] { "platform", "serving", "routing", "llm-gateway", "experience", "demos" }));
            Assert.That(scenario.Layers.Select(l => l.Order), Is.EqualTo(new[] { 1, 2, 3, 4, 5, 6 }));
            Assert.That(scenario.FindLayer("demos")!.Demo, Is.True);
            Assert.That(scenario.FindLayer("routing")!.Demo, Is.False);
            Assert.That(scenario.Profiles.Select(p => p.Name), Is.EqualTo(new[] { "platform", "serving", "llm-gateway", "full" }));
            Assert.That(scenario.FindProfile("llm-gateway")!.Layers, Is.EqualTo(new[] { "platform", "serving", "routing", "llm-gateway" }));
            Assert.That(scenario.AlwaysApply.Single().Path, Is.EqualTo("clusters/ai-dev/projects/platform.yaml"));
            Assert.That(scenario.FindCostGate("raw-vllm")!.Scale, Is.EqualTo(new ScaleSpec(1, 0)));
            Assert.That(scenario.FindCostGate("raw-vllm")!.Gpu, Is.True);
            Assert.That(scenario.FindCostGate("kserve-demo")!.IdlePause, Is.EqualTo(new IdlePause("serving.kserve.io/stop", "true")));
            Assert.That(scenario.FindCostGate("inference-demo")!.Workload, Is.Null);
            Assert.That(scenario.Groups.Single().EnabledField, Is.EqualTo("enabled"));
            Assert.That(scenario.Smoke!.ApiKey!.SecretRef, Is.EqualTo(new SecretKeyRef("llm", "vllm-api-key", "api-key")));
            Assert.That(scenario.Smoke.Path, Is.EqualTo("/v1/chat/completions"));
            Assert.That(scenario.Probes["full"].Select(p => p.Name), Does.Contain("open-webui-health"));
            Assert.That(scenario.Substrate.Nodes.Single().Capacity["nvidia.com/gpu"], Is.EqualTo("1"));
            Assert.That(scenario.Timeouts.Healthy, Is.EqualTo(TimeSpan.FromMinutes(10)));
            Assert.That(scenario.Timeouts.Probe, Is.EqualTo(TimeSpan.FromSeconds(30)), "an unset timeout keeps its default");
        });
    }

    [Test]
    public void DefaultsApplyWhenOptionalFieldsAreAbsent()
    {
        var scenario = Parse(Minimal);

        Assert.Multiple(() =>
        {
            Assert.That(scenario.Name, Is.EqualTo("scenario"));
            Assert.That(scenario.Repo.Revision, Is.EqualTo("HEAD"));
            Assert.That(scenario.CostGates, Is.Empty);
            Assert.That(scenario.Smoke, Is.Null);
            Assert.That(scenario.Timeouts.Apply, Is.EqualTo(TimeSpan.FromMinutes(2)));
            Assert.That(scenario.Suites, Is.Null);
        });
    }

    [Test]
    public void UnknownFieldIsRejectedWithItsLineAndTheClosestKnownField()
    {
        var text = Minimal.Replace("    demo: true", "    demos: true", StringComparison.Ordinal);

        var e = Rejects(text);

        var error = e.Errors.Single();
        Assert.That(error.Location!.Line, Is.EqualTo(TextLines.Of(text, "demos: true")));
        Assert.That(error.Message, Does.Contain("unknown field 'demos'").And.Contain("did you mean 'demo'"));
    }

    [Test]
    public void EveryProblemIsReportedAtOnce()
    {
        var text = Minimal
            .Replace("kind: Scenario", "kind: Scenarios", StringComparison.Ordinal)
            .Replace("full: [platform, demos]", "full: [platform, routing]", StringComparison.Ordinal);

        var e = Rejects(text);

        Assert.That(e.Errors, Has.Count.EqualTo(2));
        Assert.That(e.Message, Does.Contain("kind 'Scenarios' is not a scenario").And.Contain("layer 'routing', which 'layers' does not define"));
        Assert.That(e.Errors.Select(x => x.Location!.Line), Is.EquivalentTo(new[] { TextLines.Of(text, "kind: Scenarios"), TextLines.Of(text, "full: [platform, routing]") }));
    }

    [Test]
    public void ProfileListingLayersOutOfOrderIsRejected()
    {
        var e = Rejects(Minimal.Replace("full: [platform, demos]", "full: [demos, platform]", StringComparison.Ordinal));

        Assert.That(e.Message, Does.Contain("lists layer 'platform' (order 1) after 'demos' (order 2)"));
    }

    [Test]
    public void ApiKeyValueIsRejectedSoNoSecretLivesInAScenario()
    {
        var text = Minimal + """

            smoke:
              service: {namespace: llm, name: raw-vllm, port: 8000}
              model: m
              apiKey:
                value: sk-live-123
            """;

        var e = Rejects(text);

        Assert.That(e.Message, Does.Contain("must not hold the key itself"));
        Assert.That(e.Message, Does.Not.Contain("sk-live-123"));
    }

    [Test]
    public void WrongTypesAndBadValuesNameTheFieldAndWhatToWrite()
    {
        var text = Minimal + """

            costGates:
              - app: raw-vllm
                gpu: yes
                scale: {up: 0, down: 0}
            timeouts:
              healthy: soon
              forever: 1h
            substrate:
              nodes:
                - name: gpu
                  taints: [{key: nvidia.com/gpu, effect: Sometimes}]
                  capacity: {nvidia.com/gpu: lots}
            """;

        var e = Rejects(text);

        Assert.That(e.Message, Does.Contain("costGates").Or.Contain("a cost gate"));
        Assert.That(e.Message, Does.Contain("must be true or false, not 'yes'"));
        Assert.That(e.Message, Does.Contain("scale.up (0) must be greater than scale.down (0)"));
        Assert.That(e.Message, Does.Contain("timeouts.healthy is 'soon', not a positive duration"));
        Assert.That(e.Message, Does.Contain("unknown timeout 'forever'"));
        Assert.That(e.Message, Does.Contain("taint effect 'Sometimes'"));
        Assert.That(e.Message, Does.Contain("not a Kubernetes quantity"));
    }

    [Test]
    public void ArgoCdCustomizationsResolveAgainstTheScenarioFileAndAMissingFolderIsNamedAtItsLine()
    {
        var folder = Directory.CreateTempSubdirectory("pv-customizations-").FullName;
        try
        {
            var present = Parse(Minimal + $"\nsubstrate:\n  argocd:\n    customizations: {Path.GetFileName(folder)}\n");
            var missingText = Minimal + "\nsubstrate:\n  argocd:\n    customizations: no-such-argo-cd/resource_customizations\n";
            var e = Rejects(missingText);
            Assert.Multiple(() =>
            {
                Assert.That(present.Substrate.ArgoCdCustomizations, Is.EqualTo(folder));
                Assert.That(Parse(Minimal).Substrate.ArgoCdCustomizations, Is.Null);
                Assert.That(e.Errors.Single().Location!.Line, Is.EqualTo(TextLines.Of(missingText, "no-such-argo-cd")));
                Assert.That(e.Message, Does.Contain("scenario.yaml:").And.Contain("is not a directory").And.Contain("relative to the scenario file"));
            });
        }
        finally
        {
            Directory.Delete(folder);
        }
    }

    [Test]
    public void ManifestPathEscapingTheRepoIsRejected()
    {
        var text = Minimal.Replace("[roots/demos.yaml]", "[../../etc/passwd]", StringComparison.Ordinal);

        var e = Rejects(text);

        Assert.That(e.Errors.Single().Location!.Line, Is.EqualTo(TextLines.Of(text, "../../etc/passwd")));
        Assert.That(e.Message, Does.Contain("stay inside it"));
    }

    [Test]
    public void MissingRepoDirectoryIsRejected()
    {
        var e = Rejects(Minimal.Replace("path: .", "path: does-not-exist-here", StringComparison.Ordinal));

        Assert.That(e.Message, Does.Contain("repo.path 'does-not-exist-here'").And.Contain("is not a directory"));
    }

    [Test]
    public void TabIndentedYamlIsAnErrorWithItsLine()
    {
        var text = Minimal.Replace("  path: .", "\tpath: .", StringComparison.Ordinal);

        var e = Rejects(text);

        Assert.That(e.Errors.Single().Location!.Line, Is.EqualTo(TextLines.Of(text, "\tpath")));
        Assert.That(e.Message, Does.Contain("invalid YAML"));
    }

    [Test]
    public void UnclosedFlowListIsAnErrorNotACrash()
    {
        var e = Rejects(Minimal.Replace("platform: [platform]", "platform: [platform", StringComparison.Ordinal));

        Assert.That(e.Message, Does.Contain("invalid YAML"));
    }

    [Test]
    public void DeepNestingEndsInAnErrorNotAStackOverflow()
    {
        var text = Minimal + "\nsuites: " + new string('[', 20_000) + new string(']', 20_000) + "\n";

        var e = Rejects(text);

        Assert.That(e.Message, Does.Contain("nested deeper than 64"));
    }

    [Test]
    public void AliasBombInSuitesEndsInAnError()
    {
        var bomb = "suites:\n  a: &a [x, x, x, x, x, x, x, x, x, x]\n";
        for (var i = 0; i < 8; i++)
        {
            bomb += $"  {(char)('b' + i)}: &{(char)('b' + i)} [*{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}, *{(char)('a' + i)}]\n";
        }

        var e = Rejects(Minimal + "\n" + bomb);

        Assert.That(e.Message, Does.Contain("expands to more than"));
    }

    [Test]
    public void SuitesAreKeptAsRawData()
    {
        var scenario = Parse(Minimal + "\nsuites:\n  nightly:\n    steps: [{apply: platform}, {wait: healthy}]\n");

        Assert.That(scenario.Suites!["nightly"]!["steps"]![1]!["wait"]!.GetValue<string>(), Is.EqualTo("healthy"));
    }

    [Test]
    public void LoadingAMissingOrBinaryFileSaysWhatToDo()
    {
        using var repo = new TempRepo().WithBytes("binary.yaml", [0x7f, 0x45, 0x4c, 0x46, 0, 1, 2, 3]);

        var missing = Assert.Throws<ScenarioException>(() => ScenarioParser.Load(Path.Combine(repo.Root, "nope.yaml")))!;
        var binary = Assert.Throws<ScenarioException>(() => ScenarioParser.Load(Path.Combine(repo.Root, "binary.yaml")))!;
        var directory = Assert.Throws<ScenarioException>(() => ScenarioParser.Load(repo.Root))!;

        Assert.That(missing.Message, Does.Contain("does not exist"));
        Assert.That(binary.Message, Does.Contain("binary"));
        Assert.That(directory.Message, Does.Contain("is a directory"));
    }

    [TestCase("30s", 30)]
    [TestCase("5m", 300)]
    [TestCase("1h30m", 5400)]
    [TestCase("90", 90)]
    [TestCase("1.5m", 90)]
    public void DurationsAreGoStyleOrSeconds(string text, int seconds)
    {
        Assert.That(ScenarioReader.ParseDuration(text), Is.EqualTo(TimeSpan.FromSeconds(seconds)));
    }

    [TestCase("soon")]
    [TestCase("5 minutes")]
    [TestCase("-5m")]
    [TestCase("")]
    public void NonDurationsAreRejected(string text)
    {
        Assert.That(ScenarioReader.ParseDuration(text), Is.Null);
    }

    [Test]
    public void AGroupsEntryNamesItsLayerOnceEitherAsLayerOrAsLayers()
    {
        var both = Rejects(Minimal + "\ngroups:\n  - {layer: platform, layers: [demos], file: g.yaml}\n");
        var unknown = Rejects(Minimal + "\ngroups:\n  - {layers: [platform, nope], file: g.yaml}\n");

        Assert.Multiple(() =>
        {
            Assert.That(both.Message, Does.Contain("exactly one of 'layer: NAME' or 'layers: [NAME, ...]'"));
            Assert.That(unknown.Message, Does.Contain("layer 'nope'"));
        });
    }
}
