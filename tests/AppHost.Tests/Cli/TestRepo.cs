namespace PlatformValidation.AppHost.Tests.Cli;

/// <summary>A throw-away repo directory for CLI tests; deleted on dispose.</summary>
public sealed class TestRepo : IDisposable
{
    public const string RepoUrl = "https://example.org/bad-input.git";

    public TestRepo()
    {
        Root = Path.Combine(Path.GetTempPath(), "pv-cli-" + Guid.NewGuid().ToString("N")[..10]);
        Directory.CreateDirectory(Root);
    }

    public string Root { get; }

    public string PathOf(string relative) => Path.Combine(Root, relative);

    public TestRepo With(string relative, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(relative))!);
        File.WriteAllText(PathOf(relative), text);
        return this;
    }

    public TestRepo WithBytes(string relative, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(PathOf(relative))!);
        File.WriteAllBytes(PathOf(relative), bytes);
        return this;
    }

    /// <summary>An app-of-apps root named <paramref name="name"/> over <paramref name="path"/> (recursive).</summary>
    public TestRepo WithRoot(string file, string name, string path) => With(file, App(name, path, recurse: true));

    public static string App(string name, string path, bool recurse = false) => $"""
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: {name}
          namespace: argocd
          finalizers: [resources-finalizer.argocd.argoproj.io]
        spec:
          project: default
          source:
            repoURL: {RepoUrl}
            targetRevision: main
            path: {path}
        {(recurse ? "    directory:\n      recurse: true" : string.Empty)}
          destination:
            server: https://kubernetes.default.svc
            namespace: demo
          syncPolicy:
            automated:
              prune: true
            syncOptions: [CreateNamespace=true]
        """;

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
