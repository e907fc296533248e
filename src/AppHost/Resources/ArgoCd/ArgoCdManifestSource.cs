using System.Security.Cryptography;

namespace PlatformValidation.AppHost.Resources.ArgoCd;

/// <summary>
/// Gets Argo CD's pinned install manifest: from a local file (<c>--argocd-manifest</c>, air-gapped use), else from
/// the cache, else downloaded once into the cache. Whatever the source, its SHA-256 must equal the pinned one.
/// </summary>
public sealed class ArgoCdManifestSource
{
    public ArgoCdManifestSource(string version, Uri url, string sha256, string cacheDirectory)
    {
        Version = version;
        Url = url;
        Sha256 = sha256;
        CacheDirectory = cacheDirectory;
    }

    public static ArgoCdManifestSource Pinned(string? cacheDirectory = null) => new(
        ImageTags.ArgoCdVersion,
        new Uri(ImageTags.ArgoCdManifestUrl),
        ImageTags.ArgoCdManifestSha256,
        cacheDirectory ?? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "platform-validation", "argocd"));

    public string Version { get; }

    public Uri Url { get; }

    public string Sha256 { get; }

    public string CacheDirectory { get; }

    public string CachedPath => Path.Combine(CacheDirectory, Version, "install.yaml");

    /// <summary>The manifest's text, verified; throws <see cref="ArgoCdInstallException"/> saying what to do.</summary>
    public async Task<string> GetAsync(string? localFile, HttpMessageHandler? handler = null, CancellationToken cancellationToken = default)
    {
        if (localFile is not null)
        {
            if (!File.Exists(localFile))
            {
                throw new ArgoCdInstallException($"--argocd-manifest {localFile} does not exist; download {Url} on a connected machine and pass its path.");
            }

            var bytes = await File.ReadAllBytesAsync(localFile, cancellationToken);
            Verify(bytes, localFile);
            return System.Text.Encoding.UTF8.GetString(bytes);
        }

        if (File.Exists(CachedPath))
        {
            var cached = await File.ReadAllBytesAsync(CachedPath, cancellationToken);
            if (Hash(cached) == Sha256)
            {
                return System.Text.Encoding.UTF8.GetString(cached);
            }

            File.Delete(CachedPath); // a corrupt or foreign cache entry is replaced, never trusted
        }

        byte[] downloaded;
        try
        {
            using var http = handler is null ? new HttpClient() : new HttpClient(handler, disposeHandler: false);
            http.Timeout = TimeSpan.FromMinutes(2);
            downloaded = await http.GetByteArrayAsync(Url, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new ArgoCdInstallException($"Could not download Argo CD {Version}'s install manifest from {Url} ({e.Message}). Without network, download it elsewhere and pass --argocd-manifest FILE (expected SHA-256 {Sha256}).", e);
        }

        Verify(downloaded, Url.ToString());
        Directory.CreateDirectory(Path.GetDirectoryName(CachedPath)!);
        await File.WriteAllBytesAsync(CachedPath, downloaded, cancellationToken);
        return System.Text.Encoding.UTF8.GetString(downloaded);
    }

    public static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private void Verify(byte[] bytes, string from)
    {
        var actual = Hash(bytes);
        if (actual != Sha256)
        {
            throw new ArgoCdInstallException($"The Argo CD manifest from {from} has SHA-256 {actual}, but {Version}'s pinned manifest has {Sha256}: refusing to install it. Use the install.yaml of Argo CD {Version} ({Url}).");
        }
    }
}
