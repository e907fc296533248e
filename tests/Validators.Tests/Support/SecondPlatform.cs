namespace PlatformValidation.Validators.Tests.Support;

/// <summary>
/// A layered platform unlike the sample, written in code for the `scenario init` tests: three app-of-apps roots
/// (core, models, playground — a demo layer), AppProject `acme`, a Makefile whose ROOTS_MINIMAL/STANDARD/COMPLETE
/// build on each other, a manual-sync GPU model server (vLLM image in a kustomize source, replicas ignored, no API key) and web workloads
/// with readiness probes behind Services.
/// </summary>
public sealed class SecondPlatform : IDisposable
{
    public const string RepoUrl = "https://git.example.com/acme/stack.git";

    private SecondPlatform(string root)
    {
        Root = root;
    }

    public string Root { get; }

    public string RepoDirectory => Path.Combine(Root, "stack");

    public static SecondPlatform Create()
    {
        var platform = new SecondPlatform(Directory.CreateTempSubdirectory("pv-second-platform-").FullName);
        platform.Write();
        return platform;
    }

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

    private void Write()
    {
        File("Makefile", """
            # Profiles: make up PROFILE=minimal|standard|complete
            ROOTS_MINIMAL := bootstrap/core.yaml
            ROOTS_STANDARD := $(ROOTS_MINIMAL) bootstrap/models.yaml
            ROOTS_COMPLETE = $(ROOTS_STANDARD) \
                bootstrap/playground.yaml

            up:
            	kubectl apply -f bootstrap/project.yaml $(foreach f,$(ROOTS_$(PROFILE)),-f $(f))
            """);
        File("bootstrap/project.yaml", $"""
            apiVersion: argoproj.io/v1alpha1
            kind: AppProject
            metadata:
              name: acme
              namespace: argocd
            spec:
              sourceRepos: [{RepoUrl}]
              destinations:
                - {"{"}server: https://kubernetes.default.svc, namespace: '*'{"}"}
              clusterResourceWhitelist:
                - {"{"}group: '*', kind: '*'{"}"}
              namespaceResourceWhitelist:
                - {"{"}group: '*', kind: '*'{"}"}
            """);
        foreach (var layer in new[] { "core", "models", "playground" })
        {
            File($"bootstrap/{layer}.yaml", App($"{layer}-root", $"stacks/{layer}", "argocd", automated: true, recurse: true));
        }

        File("stacks/core/web.yaml", App("web", "workloads/web", "web", automated: true));
        File("stacks/models/llm-server.yaml", App("llm-server", "workloads/llm-server", "models", automated: false, ignoreReplicas: true));
        File("stacks/playground/toy.yaml", App("toy", "workloads/toy", "toy", automated: true));
        File("workloads/web/web.yaml", Web("web", "/healthz", 8080));
        File("workloads/toy/toy.yaml", Web("toy", "/ready", 3000));
        File("workloads/llm-server/kustomization.yaml", "resources: [server.yaml]\n");
        File("workloads/llm-server/server.yaml", """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: llm-server
            spec:
              replicas: 0
              selector:
                matchLabels: {app: llm-server}
              template:
                metadata:
                  labels: {app: llm-server}
                spec:
                  nodeSelector: {gpu-type: a10}
                  tolerations:
                    - {key: example.com/gpu, operator: Equal, value: "true", effect: NoSchedule}
                  containers:
                    - name: server
                      image: vllm/vllm-openai:v0.10.1
                      args: [--model, acme/tiny-chat-1b, --served-model-name, tiny-chat, --port, "8080"]
                      ports:
                        - {name: http, containerPort: 8080}
                      readinessProbe:
                        httpGet: {path: /health, port: http}
                      resources:
                        limits: {nvidia.com/gpu: 1}
            ---
            apiVersion: v1
            kind: Service
            metadata:
              name: llm-server
            spec:
              selector: {app: llm-server}
              ports:
                - {name: http, port: 80, targetPort: http}
            """);
    }

    private static string App(string name, string path, string ns, bool automated, bool recurse = false, bool ignoreReplicas = false)
    {
        var sync = automated
            ? "  syncPolicy:\n    automated: {prune: true, selfHeal: true}\n    syncOptions: [CreateNamespace=true]\n"
            : "  syncPolicy:\n    syncOptions: [CreateNamespace=true, RespectIgnoreDifferences=true]\n";
        var ignore = ignoreReplicas ? "  ignoreDifferences:\n    - {group: apps, kind: Deployment, name: " + name + ", jsonPointers: [/spec/replicas]}\n" : string.Empty;
        var directory = recurse ? "    directory: {recurse: true}\n" : string.Empty;
        return $"""
            apiVersion: argoproj.io/v1alpha1
            kind: Application
            metadata:
              name: {name}
              namespace: argocd
              finalizers: [resources-finalizer.argocd.argoproj.io]
            spec:
              project: acme
              source:
                repoURL: {RepoUrl}
                targetRevision: main
                path: {path}

            """ + directory + $"""
              destination:
                server: https://kubernetes.default.svc
                namespace: {ns}

            """ + sync + ignore;
    }

    private static string Web(string name, string readiness, int port) => $$"""
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{name}}
        spec:
          replicas: 1
          selector:
            matchLabels: {app: {{name}}}
          template:
            metadata:
              labels: {app: {{name}}}
            spec:
              containers:
                - name: {{name}}
                  image: registry.example.com/acme/{{name}}:2.4.1
                  ports:
                    - {containerPort: {{port}}}
                  readinessProbe:
                    httpGet: {path: {{readiness}}, port: {{port}}}
        ---
        apiVersion: v1
        kind: Service
        metadata:
          name: {{name}}
        spec:
          selector: {app: {{name}}}
          ports:
            - {port: 80, targetPort: {{port}}}
        """;

    private void File(string relative, string text)
    {
        var path = Path.Combine(RepoDirectory, relative);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        System.IO.File.WriteAllText(path, text);
    }
}
