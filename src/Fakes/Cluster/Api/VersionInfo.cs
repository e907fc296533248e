using System.Text.Json.Nodes;

namespace PlatformValidation.Fakes.Cluster.Api;

/// <summary>The /version document: the simulated server reports the k3s release it imitates.</summary>
public static class VersionInfo
{
    public const string GitVersion = "v1.32.3+k3s1";

    public static JsonObject Document() => new()
    {
        ["major"] = "1",
        ["minor"] = "32",
        ["gitVersion"] = GitVersion,
        ["gitCommit"] = "079ffa8d4a0f1d6c5bbbf7b1d5d05b4f1b6a1e2c",
        ["gitTreeState"] = "clean",
        ["buildDate"] = "2025-03-14T00:00:00Z",
        ["goVersion"] = "go1.23.6",
        ["compiler"] = "gc",
        ["platform"] = "linux/amd64",
    };
}
