using PlatformValidation.AppHost.Substrates;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Scenarios;

namespace PlatformValidation.AppHost.Tests.Substrates;

public sealed class StandInImageOverrideTests
{
    private static readonly ImageOverride[] Rules = [new("vllm/vllm-openai:*", "fake-llm", SourceLocation.OfFile("scenario.yaml"))];
    private static readonly Dictionary<string, string> StandIns = new() { ["fake-llm"] = "platform-validation/fake-llm:0.1.0" };

    [Test]
    public void AKustomizeAppGetsAnImagesOverrideAndItsWorkloadStaysAsInGit()
    {
        var root = Repo(kustomize: true);
        try
        {
            var deployment = File.ReadAllText(Path.Combine(root, "serving", "deploy.yaml"));
            var results = StandInImageOverride.Apply(root, Rules, StandIns);
            Assert.That(results, Has.Count.EqualTo(1));
            Assert.That(results[0].Applied, Is.True);
            Assert.That(results[0].App, Is.EqualTo("raw-vllm"));
            var app = File.ReadAllText(Path.Combine(root, "apps", "raw-vllm.yaml"));
            Assert.That(app, Does.Contain("vllm/vllm-openai=platform-validation/fake-llm:0.1.0"));
            Assert.That(File.ReadAllText(Path.Combine(root, "serving", "deploy.yaml")), Is.EqualTo(deployment));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Test]
    public void APlainDirectorySourceIsReportedNotSilentlySkipped()
    {
        var root = Repo(kustomize: false);
        try
        {
            var results = StandInImageOverride.Apply(root, Rules, StandIns);
            Assert.That(results.Single().Applied, Is.False);
            Assert.That(results.Single().Why, Does.Contain("not a kustomization"));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [TestCase("vllm/vllm-openai:v0.11.0", "vllm/vllm-openai")]
    [TestCase("localhost:5000/x/y:1", "localhost:5000/x/y")]
    [TestCase("x/y@sha256:abc", "x/y")]
    [TestCase("busybox", "busybox")]
    public void ImageNamesDropTagAndDigest(string image, string name) => Assert.That(StandInImageOverride.ImageName(image), Is.EqualTo(name));

    private static string Repo(bool kustomize)
    {
        var root = Directory.CreateTempSubdirectory("pv-override-").FullName;
        Directory.CreateDirectory(Path.Combine(root, "apps"));
        Directory.CreateDirectory(Path.Combine(root, "serving"));
        File.WriteAllText(Path.Combine(root, "apps", "raw-vllm.yaml"), """
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: raw-vllm
            spec:
              source:
                repoURL: https://example.org/p.git
                path: serving
            """);
        File.WriteAllText(Path.Combine(root, "serving", "deploy.yaml"), """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: raw-vllm
            spec:
              template:
                spec:
                  containers:
                    - name: vllm
                      image: vllm/vllm-openai:v0.11.0
            """);
        if (kustomize)
        {
            File.WriteAllText(Path.Combine(root, "serving", "kustomization.yaml"), "resources: [deploy.yaml]\n");
        }

        return root;
    }
}
