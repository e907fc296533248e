using PlatformValidation.Validators.Live.Suites;

namespace PlatformValidation.Validators.Tests.Live;

public sealed class SuiteParserTests
{
    private static readonly string[] Profiles = ["platform", "serving", "full"];

    [Test]
    public void ScenarioWithoutSuitesRunsEveryKindInOrder()
    {
        var suites = SuiteParser.Parse("name: x\nprofiles: {}\n", "s.yaml", Profiles);
        Assert.That(suites.Select(s => s.Kind), Is.EqualTo(SuiteKinds.All));
    }

    [Test]
    public void SuitesAreReadWithTheirParametersAndTimeouts()
    {
        const string yaml = """
            name: x
            suites:
              - static
              - name: profile-matrix
                profiles: [platform, serving]
                timeouts: {healthy: 90s}
              - name: narrowing
                from: full
                to: platform
                teardown: demos
              - name: quick-gates
                kind: cost-gates
                profile: serving
                apps: [raw-vllm]
              - name: gpu-smoke
                maxMinutesUp: 15
            """;
        var suites = SuiteParser.Parse(yaml, "s.yaml", Profiles);
        Assert.That(suites, Has.Count.EqualTo(5));
        Assert.That(suites[1].Profiles, Is.EqualTo(new[] { "platform", "serving" }));
        Assert.That(suites[1].Timeouts["healthy"], Is.EqualTo(TimeSpan.FromSeconds(90)));
        Assert.That(suites[2].Profile, Is.EqualTo("full"));
        Assert.That(suites[2].NarrowTo, Is.EqualTo("platform"));
        Assert.That(suites[2].Teardown, Is.EqualTo("demos"));
        Assert.That(suites[3].Kind, Is.EqualTo(SuiteKinds.CostGates));
        Assert.That(suites[3].Apps, Is.EqualTo(new[] { "raw-vllm" }));
        Assert.That(suites[4].MaxMinutesUp, Is.EqualTo(15));
        Assert.That(suites[1].Location, Is.EqualTo("s.yaml:4"));
    }

    [TestCase("suites:\n  - name: bogus\n", "s.yaml:2:11", "unknown kind 'bogus'")]
    [TestCase("suites:\n  - name: narrowing\n    from: huge\n", "s.yaml:3:11", "profile 'huge'")]
    [TestCase("suites:\n  - name: static\n    profile: platform\n", "s.yaml:3:14", "unknown key 'profile'")]
    [TestCase("suites:\n  - name: cost-gates\n    timeouts: {sync: soon}\n", "s.yaml:3:22", "must be a duration")]
    [TestCase("suites: {static: 1}\n", "s.yaml:1:9", "must be a list")]
    [TestCase("suites:\n  - static\n  - static\n", "s.yaml:3:5", "declared twice")]
    public void BadSuitesNameTheFileLineAndWhatToDo(string yaml, string location, string message)
    {
        var e = Assert.Throws<SuiteFormatException>(() => SuiteParser.Parse(yaml, "s.yaml", Profiles));
        Assert.That(e!.Message, Does.StartWith(location));
        Assert.That(e.Message, Does.Contain(message));
    }

    [TestCase("90s", 90)]
    [TestCase("2m", 120)]
    [TestCase("1m30s", 90)]
    [TestCase("500ms", 0.5)]
    [TestCase("1h", 3600)]
    public void DurationsAreReadGoStyle(string text, double seconds)
    {
        Assert.That(DurationText.TryParse(text, out var d), Is.True);
        Assert.That(d.TotalSeconds, Is.EqualTo(seconds));
    }

    [TestCase("")]
    [TestCase("soon")]
    [TestCase("5")]
    [TestCase("5 m")]
    public void NonDurationsAreRejected(string text) => Assert.That(DurationText.TryParse(text, out _), Is.False);
}
