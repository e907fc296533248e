namespace PlatformValidation.AppHost.Resources;

/// <summary>
/// Every external image and manifest the AppHost uses, pinned in one place. Bump them here (and the checksum with
/// the manifest) — nothing else in the code names a version.
/// </summary>
public static class ImageTags
{
    /// <summary>The k3s image of the k3s substrate (Kubernetes 1.32, as kubectl here).</summary>
    public const string K3s = "rancher/k3s:v1.32.5-k3s1";

    /// <summary>The Argo CD release installed on k3s (and on a kubeconfig cluster without Argo CD).</summary>
    public const string ArgoCdVersion = "v3.1.9";

    /// <summary>Argo CD's install manifest of <see cref="ArgoCdVersion"/>.</summary>
    public const string ArgoCdManifestUrl = "https://raw.githubusercontent.com/argoproj/argo-cd/" + ArgoCdVersion + "/manifests/install.yaml";

    /// <summary>SHA-256 of <see cref="ArgoCdManifestUrl"/>; a download or <c>--argocd-manifest</c> file that differs is refused.</summary>
    /// <remarks>
    /// Provenance: version, URL and hash are one pin, refreshed together with <c>scripts/refresh-argocd-pin.sh
    /// [VERSION]</c> (downloads the release's install.yaml and prints the three values). Checked on 2026-12-07 with
    /// <c>scripts/refresh-argocd-pin.sh --git CLONE</c>: it is the SHA-256 of <c>manifests/install.yaml</c> at tag
    /// v3.1.9 (commit 8665140f96f6b238a20e578dba7f9aef91ddac51) of argoproj/argo-cd, 1,459,945 bytes, which the URL
    /// serves byte for byte; a download from a networked machine (docs/substrates.md, checklist step 2) confirms it.
    /// </remarks>
    public const string ArgoCdManifestSha256 = "39e1851b3b192b5aa0d2fb7c817796d6c4e23d782c2982e0c8b427c1137e8efc";

    /// <summary>The simulated vLLM endpoint's image (built locally from the self-contained publish).</summary>
    public const string FakeLlm = "platform-validation/fake-llm:0.1.0";

    /// <summary>The in-cluster smart-HTTP git server's image (built locally from the AppHost's self-contained publish).</summary>
    public const string GitServer = "platform-validation/git-server:0.1.0";
}
