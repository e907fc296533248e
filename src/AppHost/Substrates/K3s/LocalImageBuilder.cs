using System.Diagnostics;
using DotNet.Testcontainers.Builders;
using PlatformValidation.Validators.Live.Scenario;

namespace PlatformValidation.AppHost.Substrates.K3s;

/// <summary>
/// Builds a minimal image from a project's self-contained publish (<c>FROM scratch</c> plus the glibc loader and the
/// libraries <c>ldd</c> names): no base image is pulled, so it works without a registry.
/// </summary>
public static class LocalImageBuilder
{
    /// <summary>The repository root (where PlatformValidation.sln is), found from the working directory or the binary.</summary>
    public static string SourceRoot()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "PlatformValidation.sln")))
                {
                    return dir.FullName;
                }
            }
        }

        throw new ScenarioRunException("The k3s substrate builds its images (fake LLM, git server) from the source tree; run it from a clone of the repository.");
    }

    /// <summary>The Dockerfile of an image whose entrypoint is <paramref name="entrypoint"/>.</summary>
    public static string Dockerfile(IReadOnlyList<string> entrypoint, int port) => $$"""
        FROM scratch
        COPY rootfs/ /
        ENV LD_LIBRARY_PATH=/lib/x86_64-linux-gnu DOTNET_EnableDiagnostics=0 DOTNET_gcServer=0
        WORKDIR /app
        EXPOSE {{port}}
        ENTRYPOINT [{{string.Join(", ", entrypoint.Select(e => "\"" + e + "\""))}}]
        """;

    /// <summary>Publishes <paramref name="projectRelativePath"/> and builds image <paramref name="tag"/> (skipped when the image exists).</summary>
    public static async Task BuildAsync(string projectRelativePath, string executable, IReadOnlyList<string> arguments, string tag, int port, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(log);
        var context = Directory.CreateTempSubdirectory("pv-image-");
        try
        {
            var root = Path.Combine(context.FullName, "rootfs");
            var app = Path.Combine(root, "app");
            var project = Path.Combine(SourceRoot(), projectRelativePath);
            log($"publishing {projectRelativePath} self-contained for image {tag}");
            // The AppHost references the fake LLM, an executable project: both publish an apphost, deps.json and
            // runtimeconfig.json of the fake LLM, which the SDK refuses as duplicates (NETSDK1152) unless told not to.
            // The Aspire AppHost SDK marks the AppHost not publishable (publish then writes nothing): the git-server
            // image needs its ordinary self-contained output, so publishing is switched back on.
            await RunAsync("dotnet", ["publish", project, "-c", "Release", "-r", "linux-x64", "--self-contained", "-p:InvariantGlobalization=true", "-p:ErrorOnDuplicatePublishOutputFiles=false", "-p:IsPublishable=true", "-o", app], cancellationToken);
            await CopyNativeDependenciesAsync(app, executable, root, cancellationToken);
            Directory.CreateDirectory(Path.Combine(root, "tmp"));
            await File.WriteAllTextAsync(Path.Combine(context.FullName, "Dockerfile"), Dockerfile([$"/app/{executable}", .. arguments], port), cancellationToken);
            var image = new ImageFromDockerfileBuilder()
                .WithDockerfileDirectory(context.FullName)
                .WithDockerfile("Dockerfile")
                .WithName(tag)
                .WithCleanUp(false)
                .Build();
            await image.CreateAsync(cancellationToken);
        }
        finally
        {
            context.Delete(recursive: true);
        }
    }

    private static async Task CopyNativeDependenciesAsync(string app, string executable, string root, CancellationToken cancellationToken)
    {
        var libraries = new HashSet<string>(StringComparer.Ordinal);
        foreach (var binary in Directory.GetFiles(app, "*.so").Append(Path.Combine(app, executable)))
        {
            var output = await RunAsync("ldd", [binary], cancellationToken, throwOnError: false);
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

    private static async Task<string> RunAsync(string file, IReadOnlyList<string> args, CancellationToken cancellationToken, bool throwOnError = true)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var process = Process.Start(psi) ?? throw new InvalidOperationException($"could not start {file}");
        var stdout = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
        try
        {
            await process.WaitForExitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        if (throwOnError && process.ExitCode != 0)
        {
            throw new ScenarioRunException($"{file} {string.Join(' ', args)} failed with exit code {process.ExitCode}: {(await stderr).Trim()}");
        }

        return await stdout;
    }
}
