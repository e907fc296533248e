using DotNet.Testcontainers.Builders;
using PlatformValidation.Fakes.Llm.Tests.Support;
using PlatformValidation.Tests;

namespace PlatformValidation.Fakes.Llm.Tests.Hosting;

/// <summary>
/// Builds a minimal image from the self-contained publish and runs it through Testcontainers. No base image can be
/// pulled here, so the image is <c>FROM scratch</c> with the published app plus the glibc loader and the libraries
/// <c>ldd</c> names for the app's native parts (and libssl/libcrypto, which .NET loads for SHA-256).
/// </summary>
[Category(TestCategories.Docker)]
[Category(TestCategories.Slow)]
[CancelAfter(600_000)]
public sealed class ContainerImageTests
{
    [Test]
    public async Task ScratchImageServesHealthAndAChatCompletion()
    {
        Environment.SetEnvironmentVariable("DOCKER_API_VERSION", Environment.GetEnvironmentVariable("DOCKER_API_VERSION") ?? "1.41");
        Environment.SetEnvironmentVariable("TESTCONTAINERS_RYUK_DISABLED", Environment.GetEnvironmentVariable("TESTCONTAINERS_RYUK_DISABLED") ?? "true");
        if (!ExternalTools.OnPath("docker") || (await ExternalTools.RunAsync("docker", ["info"], timeout: TimeSpan.FromSeconds(30))).ExitCode != 0)
        {
            Assert.Ignore("No Docker engine answers (docker info failed); start dockerd to run the container image test.");
        }

        var context = Directory.CreateTempSubdirectory("fake-llm-image-");
        try
        {
            var root = Path.Combine(context.FullName, "rootfs");
            var app = Path.Combine(root, "app");
            var project = Path.Combine(ExternalTools.TestDirectory(string.Empty), "..", "..", "src", "Fakes", "Llm", "Fakes.Llm.csproj");
            var (code, stdout, stderr) = await ExternalTools.RunAsync(
                "dotnet",
                ["publish", Path.GetFullPath(project), "-c", "Release", "-r", "linux-x64", "--self-contained", "-p:InvariantGlobalization=true", "-o", app],
                timeout: TimeSpan.FromMinutes(5));
            Assert.That(code, Is.Zero, stdout + stderr);
            await CopyNativeDependenciesAsync(app, root);
            Directory.CreateDirectory(Path.Combine(root, "tmp"));
            await File.WriteAllTextAsync(Path.Combine(context.FullName, "Dockerfile"), """
                FROM scratch
                COPY rootfs/ /
                ENV LD_LIBRARY_PATH=/lib/x86_64-linux-gnu DOTNET_EnableDiagnostics=0 VLLM_API_KEY=container-key
                WORKDIR /app
                EXPOSE 8000
                ENTRYPOINT ["/app/fake-llm", "--host", "0.0.0.0", "--port", "8000"]
                """);

            var image = new ImageFromDockerfileBuilder()
                .WithDockerfileDirectory(context.FullName)
                .WithDockerfile("Dockerfile")
                .WithName($"fake-llm-test:{Guid.NewGuid():N}")
                .WithCleanUp(true)
                .Build();
            await image.CreateAsync();
            await using var container = new ContainerBuilder(image)
                .WithCommand("--served-model-name", "llama")
                .WithPortBinding(8000, true)
                .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPort(8000).ForPath("/health")))
                .Build();
            await container.StartAsync();

            using var http = LlmClient.Create(new Uri($"http://{container.Hostname}:{container.GetMappedPublicPort(8000)}/"), "container-key");
            var health = await http.GetAsync("health");
            var (status, body, raw) = await LlmClient.PostAsync(http, "v1/chat/completions", LlmClient.Chat("llama", "hello from a container", ""","max_tokens":5"""));
            var logs = await container.GetLogsAsync();

            Assert.That((int)health.StatusCode, Is.EqualTo(200));
            Assert.That(status, Is.EqualTo(200), raw);
            Assert.That(body!["usage"]!["completion_tokens"]!.GetValue<int>(), Is.EqualTo(5));
            Assert.That(logs.Stdout, Does.Contain("Started fake vLLM server").And.Not.Contain("container-key"));
            await image.DeleteAsync();
        }
        finally
        {
            context.Delete(recursive: true);
        }
    }

    private static async Task CopyNativeDependenciesAsync(string app, string root)
    {
        var libraries = new HashSet<string>(StringComparer.Ordinal);
        foreach (var binary in Directory.GetFiles(app, "*.so").Append(Path.Combine(app, "fake-llm")))
        {
            var (_, output, _) = await ExternalTools.RunAsync("ldd", [binary]);
            foreach (var line in output.Split('\n'))
            {
                var path = line.Split("=>", 2) is [_, var target] ? target.Trim().Split(' ')[0] : line.Trim().Split(' ')[0];
                if (path.StartsWith('/') && File.Exists(path))
                {
                    libraries.Add(path);
                }
            }
        }

        foreach (var name in new[] { "libssl.so.3", "libcrypto.so.3" })
        {
            var found = new[] { "/usr/lib/x86_64-linux-gnu", "/lib/x86_64-linux-gnu" }.Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
            if (found is not null)
            {
                libraries.Add(found);
            }
        }

        var lib = Path.Combine(root, "lib", "x86_64-linux-gnu");
        Directory.CreateDirectory(lib);
        Directory.CreateDirectory(Path.Combine(root, "lib64"));
        foreach (var library in libraries)
        {
            var target = library.Contains("ld-linux", StringComparison.Ordinal) ? Path.Combine(root, "lib64", Path.GetFileName(library)) : Path.Combine(lib, Path.GetFileName(library));
            File.Copy(library, target, overwrite: true);
        }
    }
}
