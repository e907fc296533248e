using System.Text;
using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Tests.Loading;

/// <summary>
/// Seeded, deterministic mutation fuzzing of the loader: real manifests are mutated (byte flips, truncations,
/// splices, indentation changes, tabs, alias and anchor insertion, control bytes) and fed to the loader and the Argo
/// parser, which must never throw. A failure prints the seed, the case number and the input (base64) to reproduce it.
/// </summary>
[CancelAfter(120_000)]
public class LoaderFuzzTests
{
    private const int Seed = 20260620;
    private const int Cases = 12_000;

    private static readonly string[] Corpus =
    [
        """
        apiVersion: argoproj.io/v1alpha1
        kind: Application
        metadata:
          name: raw-vllm
          namespace: argocd
          annotations: {argocd.argoproj.io/sync-wave: "-1"}
          finalizers: [resources-finalizer.argocd.argoproj.io]
        spec:
          project: platform
          sources:
          - repoURL: https://github.com/org/platform.git
            path: serving/raw-vllm
            targetRevision: HEAD
            kustomize:
              images: ["vllm=fake:1"]
              replicas: [{name: vllm, count: 0}]
          - repoURL: https://github.com/org/platform.git
            ref: values
          destination: {server: https://kubernetes.default.svc, namespace: serving}
          ignoreDifferences:
          - group: apps
            kind: Deployment
            jsonPointers: [/spec/replicas]
          syncPolicy:
            syncOptions: [RespectIgnoreDifferences=true, CreateNamespace=true]
        """,
        """
        apiVersion: argoproj.io/v1alpha1
        kind: ApplicationSet
        metadata: {name: serving, namespace: argocd}
        spec:
          goTemplate: true
          goTemplateOptions: ["missingkey=error"]
          generators:
          - matrix:
              generators:
              - git:
                  repoURL: https://github.com/org/platform.git
                  revision: HEAD
                  files: [{path: "clusters/ai-dev/catalog/serving/*.yaml"}]
              - list:
                  elements: [{tier: gpu}, {tier: cpu}]
            selector: {matchLabels: {enabled: "true"}}
          template:
            metadata: {name: '{{.name}}-{{.tier}}'}
            spec:
              project: platform
              source: {repoURL: https://github.com/org/platform.git, path: '{{.path.path}}'}
              destination: {server: https://kubernetes.default.svc, namespace: '{{.namespace | default "serving"}}'}
          templatePatch: |
            spec:
              syncPolicy:
                automated: {prune: true}
        """,
        """
        base: &base
          replicas: 1
          labels: &labels {app: vllm, tier: gpu}
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: vllm
          labels: *labels
        spec:
          <<: *base
          selector: {matchLabels: *labels}
          template:
            metadata: {labels: *labels}
            spec:
              containers:
              - name: vllm
                image: vllm/vllm-openai:v0.6.0
                args: ["--model", "Qwen/Qwen2.5-0.5B", '--port=8000']
                resources:
                  limits: {nvidia.com/gpu: 1, memory: 16Gi}
                env:
                - {name: HF_HOME, value: /cache}
                - name: TRUE_FLAG
                  value: yes
        """,
        """
        apiVersion: v1
        kind: List
        items:
        - apiVersion: v1
          kind: ConfigMap
          metadata: {name: a}
          data:
            config.yaml: |
              key: value
              list:
                - 1
                - 0x1F
            folded: >
              some folded
              text
        - apiVersion: v1
          kind: Secret
          metadata: {name: s}
          stringData: {password: "p@ss:word"}
        """,
        """
        {"apiVersion": "apiextensions.k8s.io/v1", "kind": "CustomResourceDefinition",
         "metadata": {"name": "clusterqueues.kueue.x-k8s.io"},
         "spec": {"group": "kueue.x-k8s.io", "scope": "Cluster", "names": {"kind": "ClusterQueue", "plural": "clusterqueues"},
                  "versions": [{"name": "v1beta1", "served": true, "storage": true, "schema": {"openAPIV3Schema": {"type": "object"}}}]}}
        """,
        """
        apiVersion: kustomize.config.k8s.io/v1beta1
        kind: Kustomization
        namespace: routing
        resources:
        - ../base
        - gateway.yaml
        images:
        - {name: agentgateway, newTag: "1.0"}
        patches:
        - target: {kind: Deployment, name: gw}
          patch: |-
            - op: replace
              path: /spec/replicas
              value: 2
        """,
    ];

    private static readonly string[] Fragments = ["&a ", "*a", "<<: *a\n", "- ", ": ", "? ", "{", "}", "[", "]", "'", "\"", "|", ">", "#", "!!str ", "!!int ", "%YAML 1.1\n", "---\n", "...\n", "\t", "\r\n", "~", ".inf", "0x", "&x [*x]", "*undefined"];

    [Test]
    public void MutatedManifestsNeverThrow()
    {
        var random = new Random(Seed);
        var loader = new ManifestLoader(new LoaderOptions { MaxNodes = 200_000, MaxDepth = 200 });
        var corpus = Corpus.Select(Encoding.UTF8.GetBytes).ToArray();
        var objects = 0;
        var findings = 0;
        for (var i = 0; i < Cases; i++)
        {
            var input = Mutate(random, corpus);
            try
            {
                var result = loader.LoadBytes(input, $"fuzz/{i}.yaml");
                objects += result.Objects.Count;
                findings += result.Findings.Count;
                foreach (var o in result.Objects)
                {
                    _ = o.LocationOf("/spec/template/spec");
                    if (ArgoKinds.IsApplication(o))
                    {
                        _ = ArgoModelParser.ParseApplication(o);
                    }
                    else if (ArgoKinds.IsApplicationSet(o))
                    {
                        _ = ArgoModelParser.ParseApplicationSet(o);
                    }
                    else if (ArgoKinds.IsAppProject(o))
                    {
                        _ = ArgoModelParser.ParseAppProject(o);
                    }
                }
            }
            catch (Exception ex)
            {
                Assert.Fail($"case {i} (seed {Seed}) threw {ex.GetType().Name}: {ex.Message}\ninput (base64): {Convert.ToBase64String(input)}\n{ex.StackTrace}");
            }
        }

        // The mutations must exercise both paths, or the fuzzer tests nothing.
        Assert.That(objects, Is.GreaterThan(Cases / 10));
        Assert.That(findings, Is.GreaterThan(Cases / 10));
    }

    private static byte[] Mutate(Random random, byte[][] corpus)
    {
        var data = corpus[random.Next(corpus.Length)].ToList();
        var rounds = 1 + random.Next(4);
        for (var r = 0; r < rounds && data.Count > 0; r++)
        {
            switch (random.Next(9))
            {
                case 0: // byte flip
                    data[random.Next(data.Count)] ^= (byte)(1 << random.Next(8));
                    break;
                case 1: // truncation
                    data.RemoveRange(random.Next(data.Count), data.Count - random.Next(data.Count) > 0 ? 1 : 0);
                    data = data.Take(random.Next(data.Count + 1)).ToList();
                    break;
                case 2: // splice of another document
                {
                    var other = corpus[random.Next(corpus.Length)];
                    var from = random.Next(other.Length);
                    var length = random.Next(other.Length - from);
                    data.InsertRange(random.Next(data.Count + 1), other.Skip(from).Take(length));
                    break;
                }

                case 3: // indentation change on a random line
                {
                    var lineStart = LineStart(data, random.Next(data.Count));
                    if (random.Next(2) == 0)
                    {
                        data.InsertRange(lineStart, Enumerable.Repeat((byte)' ', 1 + random.Next(4)));
                    }
                    else if (lineStart < data.Count && data[lineStart] == (byte)' ')
                    {
                        data.RemoveAt(lineStart);
                    }

                    break;
                }

                case 4: // tab for indentation
                    data.Insert(LineStart(data, random.Next(data.Count)), (byte)'\t');
                    break;
                case 5: // structural fragment, anchors and aliases
                    data.InsertRange(random.Next(data.Count + 1), Encoding.UTF8.GetBytes(Fragments[random.Next(Fragments.Length)]));
                    break;
                case 6: // duplicate a line (duplicate keys)
                {
                    var start = LineStart(data, random.Next(data.Count));
                    var end = data.IndexOf((byte)'\n', start);
                    end = end < 0 ? data.Count : end + 1;
                    data.InsertRange(end, data.GetRange(start, end - start));
                    break;
                }

                case 7: // control and non-UTF-8 bytes
                    data.Insert(random.Next(data.Count + 1), new byte[] { 0x00, 0xFF, 0xC3, 0x01, 0x1B, 0xFE }[random.Next(6)]);
                    break;
                default: // deep nesting burst
                {
                    var depth = random.Next(50, 400);
                    var at = random.Next(data.Count + 1);
                    data.InsertRange(at, Enumerable.Repeat((byte)'[', depth).Concat(Enumerable.Repeat((byte)']', random.Next(depth + 1))));
                    break;
                }
            }
        }

        return data.ToArray();
    }

    private static int LineStart(List<byte> data, int index)
    {
        var i = Math.Min(index, data.Count - 1);
        while (i > 0 && data[i - 1] != (byte)'\n')
        {
            i--;
        }

        return Math.Max(i, 0);
    }
}
