using System.Text.Json.Nodes;
using PlatformValidation.AppHost.Resources;

namespace PlatformValidation.AppHost.Substrates.K3s;

/// <summary>
/// The manifests of the git server that serves the repo snapshot inside the cluster: a Deployment of the locally
/// built git-server image (never pulled) reading the bare repository copied onto the node (hostPath), and a Service.
/// Argo CD then reads <see cref="RepoUrl"/>.
/// </summary>
public static class InClusterGitServer
{
    public const string Namespace = "pv-git";
    public const string Name = "git-server";
    public const string HostPath = "/var/lib/platform-validation/git";
    public const string RepoName = "platform";

    /// <summary>The repoURL Argo CD uses inside the cluster.</summary>
    public static string RepoUrl => $"http://{Name}.{Namespace}.svc.cluster.local/{RepoName}.git";

    public static IReadOnlyList<JsonObject> Manifests(string image = ImageTags.GitServer)
    {
        var labels = new JsonObject { ["app.kubernetes.io/name"] = Name };
        return
        [
            new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = Namespace } },
            new JsonObject
            {
                ["apiVersion"] = "apps/v1",
                ["kind"] = "Deployment",
                ["metadata"] = new JsonObject { ["name"] = Name, ["namespace"] = Namespace, ["labels"] = labels.DeepClone() },
                ["spec"] = new JsonObject
                {
                    ["replicas"] = 1,
                    ["selector"] = new JsonObject { ["matchLabels"] = labels.DeepClone() },
                    ["template"] = new JsonObject
                    {
                        ["metadata"] = new JsonObject { ["labels"] = labels.DeepClone() },
                        ["spec"] = new JsonObject
                        {
                            ["containers"] = new JsonArray(new JsonObject
                            {
                                ["name"] = Name,
                                ["image"] = image,
                                ["imagePullPolicy"] = "Never",
                                ["args"] = new JsonArray("git-http-server", "--root", "/srv/git", "--port", "8080"),
                                ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["containerPort"] = 8080 }),
                                ["readinessProbe"] = new JsonObject { ["httpGet"] = new JsonObject { ["path"] = "/healthz", ["port"] = "http" } },
                                ["volumeMounts"] = new JsonArray(new JsonObject { ["name"] = "repos", ["mountPath"] = "/srv/git", ["readOnly"] = true }),
                            }),
                            ["volumes"] = new JsonArray(new JsonObject { ["name"] = "repos", ["hostPath"] = new JsonObject { ["path"] = HostPath, ["type"] = "DirectoryOrCreate" } }),
                        },
                    },
                },
            },
            new JsonObject
            {
                ["apiVersion"] = "v1",
                ["kind"] = "Service",
                ["metadata"] = new JsonObject { ["name"] = Name, ["namespace"] = Namespace },
                ["spec"] = new JsonObject
                {
                    ["selector"] = labels.DeepClone(),
                    ["ports"] = new JsonArray(new JsonObject { ["name"] = "http", ["port"] = 80, ["targetPort"] = "http" }),
                },
            },
        ];
    }
}
