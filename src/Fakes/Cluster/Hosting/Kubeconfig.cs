using System.Globalization;
using k8s;
using k8s.KubeConfigModels;

namespace PlatformValidation.Fakes.Cluster.Hosting;

/// <summary>
/// Writes the kubeconfig of a simulated cluster (bearer-token user, server on 127.0.0.1 with the simulated CA), built
/// on KubernetesClient's own kubeconfig model and serialised by its YAML serialiser, so the file is the shape
/// <c>KubernetesClientConfiguration.BuildConfigFromConfigFile</c> and kubectl read.
/// </summary>
public static class Kubeconfig
{
    /// <summary>The kubeconfig model: one cluster, user and context named <paramref name="contextName"/>, namespace <c>default</c>.</summary>
    public static K8SConfiguration Build(Uri server, string token, string contextName, string certificateAuthorityData)
    {
        ArgumentNullException.ThrowIfNull(server);
        return new K8SConfiguration
        {
            ApiVersion = "v1",
            Kind = "Config",
            Clusters =
            [
                new k8s.KubeConfigModels.Cluster
                {
                    Name = contextName,
                    ClusterEndpoint = new ClusterEndpoint { Server = server.ToString().TrimEnd('/'), CertificateAuthorityData = certificateAuthorityData },
                },
            ],
            Users = [new User { Name = contextName, UserCredentials = new UserCredentials { Token = token } }],
            Contexts = [new Context { Name = contextName, ContextDetails = new ContextDetails { Cluster = contextName, User = contextName, Namespace = "default" } }],
            CurrentContext = contextName,
        };
    }

    /// <summary>The kubeconfig as YAML.</summary>
    public static string Render(Uri server, string token, string contextName, string certificateAuthorityData) =>
        KubernetesYaml.Serialize(Build(server, token, contextName, certificateAuthorityData));

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
