using System.Text.Json.Nodes;
using System.Xml.Linq;
using PlatformValidation.Tests;

namespace PlatformValidation.AppHost.Tests.Cli;

[NonParallelizable]
[Category(TestCategories.ExternalTool)]
public class ValidateCommandTests
{
    private static string Root { get; } = FindRoot();

    private static string Sample => Path.Combine(Root, "scenarios", "sample.yaml");

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task CleanSampleExitsZeroWithFindingsGroupedAndAMatrix()
    {
        var result = await CliRunner.RunAsync("validate", "--scenario", Sample);

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stdout, Does.Contain("PASSED").And.Contain("profiles:").And.Contain("llm-gateway"));
        Assert.That(result.Stdout, Does.Contain("dependencies").And.Contain("cost-gates"), "the profile × check matrix");
        Assert.That(result.Stdout, Does.Not.Contain("\u001b["), "no colour when the output is not a terminal");
    }

    [TestCase("json")]
    [TestCase("junit")]
    [TestCase("sarif")]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task MachineFormatsAreWellFormedAndWrittenToTheOutputFile(string format, CancellationToken cancellationToken)
    {
        var output = Path.Combine(Path.GetTempPath(), $"pv-report-{Guid.NewGuid():N}.{format}");
        try
        {
            var result = await CliRunner.RunAsync("validate", "--scenario", Sample, "--format", format, "--output", output);

            Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
            Assert.That(result.Stdout, Does.Contain("PASSED").And.Contain(output));
            var text = await File.ReadAllTextAsync(output, cancellationToken);
            switch (format)
            {
                case "json":
                    var json = JsonNode.Parse(text)!;
                    Assert.That(json["passed"]!.GetValue<bool>(), Is.True);
                    Assert.That(json["profiles"]!.AsArray().Select(p => p!["name"]!.GetValue<string>()), Is.EqualTo(new[] { "platform", "serving", "llm-gateway", "full" }));
                    break;
                case "junit":
                    var xml = XDocument.Parse(text);
                    Assert.That(xml.Root!.Name.LocalName, Is.EqualTo("testsuites"));
                    Assert.That(xml.Root.Elements("testsuite").Count(), Is.EqualTo(4));
                    Assert.That(xml.Descendants("failure"), Is.Empty);
                    break;
                default:
                    var sarif = JsonNode.Parse(text)!;
                    Assert.That(sarif["version"]!.GetValue<string>(), Is.EqualTo("2.1.0"));
                    Assert.That(sarif["runs"]![0]!["tool"]!["driver"]!["rules"]!.AsArray().Select(r => r!["id"]!.GetValue<string>()), Does.Contain("DEP001").And.Contain("NARROW004"));
                    break;
            }
        }
        finally
        {
            File.Delete(output);
        }
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task SuggestProjectPrintsTheMinimalWhitelists()
    {
        var result = await CliRunner.RunAsync("validate", "--scenario", Sample, "--suggest-project");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.ToString());
        Assert.That(result.Stdout, Does.Contain("clusterResourceWhitelist:").And.Contain("namespaceResourceWhitelist:"));
        Assert.That(result.Stdout, Does.Contain("kind: CustomResourceDefinition").And.Contain("kind: ClusterQueue").And.Contain("kind: Deployment"));
        Assert.That(result.Stdout, Does.Not.Contain("kind: '*'"));
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task RepoAlonePrintsWhatWasDiscoveredAndTheRootsItValidated()
    {
        var result = await CliRunner.RunAsync("validate", "--repo", Path.Combine(Root, "scenarios", "sample-platform"));

        Assert.That(result.ExitCode, Is.AnyOf(0, 1), result.ToString());
        Assert.That(result.Stdout, Does.Contain("discovered:").And.Contain("Application/root-platform").And.Contain("ApplicationSet/experience"));
        Assert.That(result.Stdout, Does.Not.Contain("Application/cert-manager\n"), "child apps are not roots");
    }

    [Test]
    public async Task NeitherScenarioNorRepoIsAnUsageError()
    {
        var result = await CliRunner.RunAsync("validate");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Stderr, Does.Contain("--scenario FILE").And.Contain("--repo DIR"));
    }

    [Test]
    public async Task UnknownFormatIsAnUsageError()
    {
        var result = await CliRunner.RunAsync("validate", "--scenario", Sample, "--format", "docx");

        Assert.That(result.ExitCode, Is.EqualTo(2));
        Assert.That(result.Stderr, Does.Contain("docx"));
    }

    [Test]
    public async Task HelpListsTheOptions()
    {
        var result = await CliRunner.RunAsync("validate", "--help");

        Assert.That(result.ExitCode, Is.EqualTo(0));
        Assert.That(result.Stdout, Does.Contain("--scenario").And.Contain("--repo").And.Contain("--format").And.Contain("--output").And.Contain("--suggest-project"));
    }

    [Test]
    public async Task InvalidScenarioExitsTwoWithFileAndLine()
    {
        using var repo = new TestRepo().With("bad.yaml", "apiVersion: platformvalidation.io/v1alpha1\nkind: Scenario\nrepo:\n  path: .\n  urls: [https://x/y.git]\nlayers: []\nprofiles: {}\nprofile: oops\n");

        var result = await CliRunner.RunAsync("validate", "--scenario", repo.PathOf("bad.yaml"));

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain("bad.yaml:8:1").And.Contain("unknown field 'profile'"));
    }

    [Test]
    [CancelAfter(TestTimeouts.CancelAfterMs)]
    public async Task UnwritableOutputExitsTwo()
    {
        using var repo = new TestRepo().With("file", "x");

        var result = await CliRunner.RunAsync("validate", "--scenario", Sample, "--output", Path.Combine(repo.PathOf("file"), "report.json"));

        Assert.That(result.ExitCode, Is.EqualTo(2), result.ToString());
        Assert.That(result.Stderr, Does.Contain("cannot write"));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "PlatformValidation.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("PlatformValidation.sln not found");
    }
}
