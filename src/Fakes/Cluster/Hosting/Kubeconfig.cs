using System.Globalization;
using System.Text;

namespace PlatformValidation.Fakes.Cluster.Hosting;

/// <summary>Writes the kubeconfig of a simulated cluster (bearer-token user, plain-HTTP server on 127.0.0.1).</summary>
public static class Kubeconfig
{
    public static string Render(Uri server, string token, string contextName, string certificateAuthorityData)
    {
        ArgumentNullException.ThrowIfNull(server);
        var sb = new StringBuilder();
        sb.AppendLine("apiVersion: v1");
        sb.AppendLine("kind: Config");
        sb.AppendLine("clusters:");
        sb.AppendLine("- name: " + contextName);
        sb.AppendLine("  cluster:");
        sb.AppendLine("    server: " + server.ToString().TrimEnd('/'));
        sb.AppendLine("    certificate-authority-data: " + certificateAuthorityData);
        sb.AppendLine("users:");
        sb.AppendLine("- name: " + contextName);
        sb.AppendLine("  user:");
        sb.AppendLine("    token: " + token);
        sb.AppendLine("contexts:");
        sb.AppendLine("- name: " + contextName);
        sb.AppendLine("  context:");
        sb.AppendLine("    cluster: " + contextName);
        sb.AppendLine("    user: " + contextName);
        sb.AppendLine("    namespace: default");
        sb.AppendLine("current-context: " + contextName);
        return sb.ToString();
    }

    /// <summary>Writes the file with owner-only permissions; throws <see cref="SimulatedClusterException"/> naming the path when it cannot.</summary>
    public static void Write(string path, string content)
    {
        try
        {
            var dir = Path.GetDirectoryName(Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(dir))
            {
                Directory.CreateDirectory(dir);
            }

            File.WriteAllText(path, content);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new SimulatedClusterException($"cannot write the kubeconfig to {path}: {e.Message}. Choose a writable path (--kubeconfig FILE).", e);
        }
    }

    internal static string Format(int n) => n.ToString(CultureInfo.InvariantCulture);
}

/// <summary>The simulated cluster could not start or be configured; the message says what to change.</summary>
public sealed class SimulatedClusterException : Exception
{
    public SimulatedClusterException(string message)
        : base(message)
    {
    }

    public SimulatedClusterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public SimulatedClusterException()
        : base("the simulated cluster could not start")
    {
    }
}
