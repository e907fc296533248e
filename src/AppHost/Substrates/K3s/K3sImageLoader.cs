using System.Diagnostics;
using Testcontainers.K3s;

namespace PlatformValidation.AppHost.Substrates.K3s;

/// <summary>Loads a locally built image into k3s's containerd (<c>docker save</c> → <c>ctr images import</c>), since no registry is reachable.</summary>
public static class K3sImageLoader
{
    public static async Task LoadAsync(K3sContainer k3s, string image, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(k3s);
        var local = Path.Combine(Path.GetTempPath(), $"pv-image-{Guid.NewGuid():N}.tar");
        try
        {
            var psi = new ProcessStartInfo("docker") { RedirectStandardError = true, RedirectStandardOutput = true };
            foreach (var a in new[] { "save", "-o", local, image })
            {
                psi.ArgumentList.Add(a);
            }

            using (var process = Process.Start(psi) ?? throw new InvalidOperationException("could not start docker"))
            {
                var stderr = process.StandardError.ReadToEndAsync(cancellationToken);
                await process.WaitForExitAsync(cancellationToken);
                if (process.ExitCode != 0)
                {
                    throw new InvalidOperationException($"docker save {image} failed: {(await stderr).Trim()}");
                }
            }

            var path = $"/tmp/{Path.GetFileName(local)}";
            await k3s.CopyAsync(new FileInfo(local), "/tmp/", ct: cancellationToken);
            await ContainerRepoCopy.ExecCheckedAsync(k3s, ["ctr", "-n", "k8s.io", "images", "import", path], cancellationToken);
            await ContainerRepoCopy.ExecCheckedAsync(k3s, ["rm", "-f", path], cancellationToken);
        }
        finally
        {
            File.Delete(local);
        }
    }
}
