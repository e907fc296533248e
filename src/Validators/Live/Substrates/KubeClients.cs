using k8s;
using PlatformValidation.Validators.Live.Kube;
using PlatformValidation.Validators.Live.Secrets;

namespace PlatformValidation.Validators.Live.Substrates;

/// <summary>
/// Builds KubernetesClient clients from a kubeconfig with the retry handler in the pipeline, and registers every
/// credential the kubeconfig holds (tokens, client keys and certificates, passwords) with the redactor first.
/// </summary>
public static class KubeClients
{
    public static Kubernetes FromKubeconfig(string kubeconfigPath, string? context = null, KubeRetryOptions? retry = null, SecretRedactor? redactor = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(kubeconfigPath);
        if (!File.Exists(kubeconfigPath))
        {
            throw new FileNotFoundException($"The kubeconfig {kubeconfigPath} does not exist; pass an existing file (e.g. ~/.kube/config).", kubeconfigPath);
        }

        RegisterCredentials(File.ReadAllText(kubeconfigPath), redactor ?? SecretRedactor.Shared);
        var config = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfigPath, context);
        return new Kubernetes(config, new KubeRetryHandler(retry));
    }

    /// <summary>Registers the credential values of a kubeconfig's text (YAML) with the redactor.</summary>
    public static void RegisterCredentials(string kubeconfigText, SecretRedactor redactor)
    {
        ArgumentNullException.ThrowIfNull(kubeconfigText);
        ArgumentNullException.ThrowIfNull(redactor);
        string[] keys = ["token", "client-key-data", "client-certificate-data", "password", "id-token", "refresh-token", "access-token"];
        foreach (var line in kubeconfigText.Split('\n'))
        {
            var trimmed = line.Trim().TrimStart('-').Trim();
            foreach (var key in keys)
            {
                if (trimmed.StartsWith(key + ":", StringComparison.Ordinal))
                {
                    var value = trimmed[(key.Length + 1)..].Trim().Trim('"', '\'');
                    redactor.Register(value);
                    if (key.EndsWith("-data", StringComparison.Ordinal))
                    {
                        TryRegisterDecoded(value, redactor);
                    }
                }
            }
        }
    }

    private static void TryRegisterDecoded(string base64, SecretRedactor redactor)
    {
        try
        {
            var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64));
            redactor.Register(text.Trim());
            foreach (var l in text.Split('\n').Where(l => l.Length > 40 && !l.StartsWith("-----", StringComparison.Ordinal)))
            {
                redactor.Register(l.Trim());
            }
        }
        catch (FormatException)
        {
            // Not base64: the raw value is registered already.
        }
    }
}
