using PlatformValidation.Validators.Expansion;
using PlatformValidation.Validators.Graph;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Scenarios;
using PlatformValidation.Validators.Tests.Support;

namespace PlatformValidation.Validators.Tests.Graph;

public class ResourceGraphTests
{
    private static ResourceGraph Build(params ExpandedApp[] apps) => Build([], apps);

    private static ResourceGraph Build(IReadOnlyList<ExternalObject> externals, params ExpandedApp[] apps) =>
        new ResourceGraphBuilder().Build("p", apps, _ => new LayerPlacement(1, false), externals);

    private static Requirement Req(ResourceGraph graph, string app, Func<Requirement, bool> match) =>
        graph.FindApp(app)!.Requires.Single(match);

    [Test]
    public void PodSpecSecretAndConfigMapReferencesAreRequirementsUnlessOptional()
    {
        var app = TestApps.App("web", "l", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web}
            spec:
              template:
                metadata: {labels: {app: web}}
                spec:
                  serviceAccountName: web
                  containers:
                    - name: c
                      image: registry.example/web:1.0.0
                      env:
                        - name: DB
                          valueFrom: {secretKeyRef: {name: db-creds, key: uri}}
                        - name: OPT
                          valueFrom: {secretKeyRef: {name: maybe, key: k, optional: true}}
                      envFrom:
                        - configMapRef: {name: web-config}
                  volumes:
                    - name: certs
                      projected:
                        sources:
                          - secret: {name: tls}
                    - name: data
                      persistentVolumeClaim: {claimName: web-data}
            """, destinationNamespace: "shop");

        var graph = Build(app);
        var required = graph.FindApp("web")!.Requires.Where(r => r.Target == RequirementTarget.Object).Select(r => r.Key.ToString()).ToList();

        Assert.That(required, Is.SupersetOf(new[]
        {
            "Secret shop/db-creds", "ConfigMap shop/web-config", "Secret shop/tls", "PersistentVolumeClaim shop/web-data",
            "ServiceAccount shop/web", "Namespace shop",
        }));
        Assert.That(required, Has.None.Contains("maybe"));
    }

    [Test]
    public void RequirementPointsAtTheExactFieldLine()
    {
        var yaml = """
            apiVersion: v1
            kind: Pod
            metadata: {name: p}
            spec:
              containers:
                - name: c
                  image: x:1
                  env:
                    - name: KEY
                      valueFrom:
                        secretKeyRef:
                          name: the-secret
                          key: k
            """;
        var graph = Build(TestApps.App("a", "l", yaml, destinationNamespace: "ns"));

        var requirement = Req(graph, "a", r => r.Kind == "Secret");

        Assert.That(requirement.Location.Line, Is.EqualTo(TextLines.Of(yaml, "name: the-secret")));
        Assert.That(requirement.Via, Is.EqualTo("env KEY secretKeyRef"));
    }

    [Test]
    public void OperatorCreatedSecretsAndCreateNamespaceCountAsProvided()
    {
        var db = TestApps.App("db", "l", """
            apiVersion: postgresql.cnpg.io/v1
            kind: Cluster
            metadata: {name: litellm-db}
            spec: {instances: 1}
            ---
            apiVersion: external-secrets.io/v1
            kind: ExternalSecret
            metadata: {name: keys}
            spec:
              secretStoreRef: {kind: ClusterSecretStore, name: store}
              target: {name: master-key}
            """, destinationNamespace: "litellm", syncOptions: ["CreateNamespace=true"]);
        var consumer = TestApps.App("proxy", "l", """
            apiVersion: v1
            kind: Pod
            metadata: {name: proxy}
            spec:
              containers:
                - name: c
                  image: x:1
                  env:
                    - {name: DB, valueFrom: {secretKeyRef: {name: litellm-db-app, key: uri}}}
                    - {name: KEY, valueFrom: {secretKeyRef: {name: master-key, key: k}}}
            """, destinationNamespace: "litellm");

        var graph = Build(db, consumer);

        foreach (var name in new[] { "litellm-db-app", "master-key" })
        {
            var providers = graph.Resolve(Req(graph, "proxy", r => r.Name == name));
            Assert.That(providers.Single().App!.Name, Is.EqualTo("db"), name);
            Assert.That(providers.Single().Origin, Is.EqualTo(ProviderOrigin.Operator), name);
        }

        var ns = graph.Resolve(Req(graph, "proxy", r => r.Kind == "Namespace"));
        Assert.That(ns.Single().Origin, Is.EqualTo(ProviderOrigin.CreateNamespace));
    }

    [Test]
    public void CustomKindsRequireTheirCrdWhichAnotherAppProvides()
    {
        var crds = TestApps.App("crds", "l", """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: inferencepools.inference.networking.k8s.io}
            spec:
              group: inference.networking.k8s.io
              scope: Namespaced
              names: {kind: InferencePool, plural: inferencepools}
            """);
        var pool = TestApps.App("pool", "l", """
            apiVersion: inference.networking.k8s.io/v1
            kind: InferencePool
            metadata: {name: raw-vllm}
            spec:
              selector: {matchLabels: {app: vllm}}
              targetPorts: [{number: 8000}]
              endpointPickerRef: {name: raw-vllm-epp, port: {number: 9002}}
            """, destinationNamespace: "llm");

        var graph = Build(crds, pool);
        var crd = Req(graph, "pool", r => r.Target == RequirementTarget.CustomResourceDefinition);
        var pods = Req(graph, "pool", r => r.Target == RequirementTarget.Pods);
        var epp = Req(graph, "pool", r => r.Kind == "Service");

        Assert.That(graph.Resolve(crd).Single().App!.Name, Is.EqualTo("crds"));
        Assert.That(pods.Selector, Is.EquivalentTo(new Dictionary<string, string> { ["app"] = "vllm" }));
        Assert.That(pods.Namespace, Is.EqualTo("llm"));
        Assert.That(graph.Resolve(pods), Is.Empty, "no app runs pods labelled app=vllm");
        Assert.That(epp.Key, Is.EqualTo(new ObjectKey(string.Empty, "Service", "llm", "raw-vllm-epp")));
        Assert.That(graph.FindApp("crds")!.Requires, Is.Empty, "a CRD is a built-in, cluster-scoped kind");
    }

    [Test]
    public void RoutesRequireTheirParentGatewayAndBackendsWithGatewayApiDefaults()
    {
        var graph = Build(TestApps.App("route", "l", """
            apiVersion: gateway.networking.k8s.io/v1
            kind: HTTPRoute
            metadata: {name: r}
            spec:
              parentRefs:
                - {name: front-door, namespace: gateway}
              rules:
                - backendRefs:
                    - {name: web, port: 80}
                    - {group: inference.networking.k8s.io, kind: InferencePool, name: pool}
            """, destinationNamespace: "app"));

        var keys = graph.FindApp("route")!.Requires.Where(r => r.Target == RequirementTarget.Object && r.Kind != "Namespace").Select(r => r.Key).ToList();

        Assert.That(keys, Is.EquivalentTo(new[]
        {
            new ObjectKey("gateway.networking.k8s.io", "Gateway", "gateway", "front-door"),
            new ObjectKey(string.Empty, "Service", "app", "web"),
            new ObjectKey("inference.networking.k8s.io", "InferencePool", "app", "pool"),
        }));
    }

    [Test]
    public void PodsOfWorkloadsSatisfyPoolSelectors()
    {
        var server = TestApps.App("server", "l", """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: vllm}
            spec:
              replicas: 0
              template:
                metadata: {labels: {app: vllm, tier: model}}
                spec: {containers: [{name: c, image: x:1}]}
            """, destinationNamespace: "llm");
        var pool = TestApps.App("pool", "l", """
            apiVersion: inference.networking.k8s.io/v1
            kind: InferencePool
            metadata: {name: p}
            spec: {selector: {matchLabels: {app: vllm}}, targetPorts: [{number: 8000}], endpointPickerRef: {name: e}}
            """, destinationNamespace: "llm");

        var graph = Build(server, pool);

        Assert.That(graph.Resolve(Req(graph, "pool", r => r.Target == RequirementTarget.Pods)).Single().App!.Name, Is.EqualTo("server"));
    }

    [Test]
    public void BuiltInKindsDefaultsAndExternalsCountAsProvided()
    {
        var app = TestApps.App("a", "l", """
            apiVersion: v1
            kind: PersistentVolumeClaim
            metadata: {name: data, namespace: kube-system}
            spec: {storageClassName: fast-ssd, resources: {requests: {storage: 1Gi}}}
            ---
            apiVersion: monitoring.coreos.com/v1
            kind: ServiceMonitor
            metadata: {name: m, namespace: kube-system}
            spec: {}
            """);
        var externals = new[]
        {
            new ExternalObject(null, "StorageClass", null, "fast-ssd", SourceLocation.OfFile("s.yaml")),
            new ExternalObject("monitoring.coreos.com/v1", "ServiceMonitor", null, "*", SourceLocation.OfFile("s.yaml")),
        };

        var without = Build(app);
        var with = Build(externals, app);

        Assert.That(without.Resolve(without.FindApp("a")!.Requires.First(r => r.Kind == "Namespace" && r.Name == "kube-system")).Single().Origin, Is.EqualTo(ProviderOrigin.ClusterDefault));
        Assert.That(without.Resolve(Req(without, "a", r => r.Kind == "StorageClass")), Is.Empty);
        Assert.That(with.Resolve(Req(with, "a", r => r.Kind == "StorageClass")).Single().Origin, Is.EqualTo(ProviderOrigin.External));
        Assert.That(with.Resolve(Req(with, "a", r => r.Target == RequirementTarget.CustomResourceDefinition)).Single().Origin, Is.EqualTo(ProviderOrigin.External));
    }

    [Test]
    public void ClusterScopedReferencesIgnoreTheReferrersNamespace()
    {
        var issuer = TestApps.App("issuer", "l", """
            apiVersion: cert-manager.io/v1
            kind: ClusterIssuer
            metadata: {name: selfsigned}
            spec: {selfSigned: {}}
            ---
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: clusterissuers.cert-manager.io}
            spec: {group: cert-manager.io, scope: Cluster, names: {kind: ClusterIssuer, plural: clusterissuers}}
            """, destinationNamespace: "cert-manager");
        var cert = TestApps.App("cert", "l", """
            apiVersion: cert-manager.io/v1
            kind: Certificate
            metadata: {name: tls}
            spec: {secretName: tls, issuerRef: {kind: ClusterIssuer, name: selfsigned}}
            """, destinationNamespace: "web");

        var graph = Build(issuer, cert);

        Assert.That(graph.Resolve(Req(graph, "cert", r => r.Kind == "ClusterIssuer")).Single().App!.Name, Is.EqualTo("issuer"));
    }

    [Test]
    public void KueueQueueLabelAndLocalQueueClusterQueueAreRequirements()
    {
        var graph = Build(TestApps.App("jobs", "l", """
            apiVersion: batch/v1
            kind: Job
            metadata:
              name: train
              labels: {kueue.x-k8s.io/queue-name: gpu}
            spec:
              template:
                spec: {restartPolicy: Never, containers: [{name: c, image: x:1}]}
            ---
            apiVersion: kueue.x-k8s.io/v1beta1
            kind: LocalQueue
            metadata: {name: gpu}
            spec: {clusterQueue: gpu-cq}
            """, destinationNamespace: "team-a"));

        var keys = graph.FindApp("jobs")!.Requires.Where(r => r.Target == RequirementTarget.Object).Select(r => r.Key).ToList();

        Assert.That(keys, Does.Contain(new ObjectKey("kueue.x-k8s.io", "LocalQueue", "team-a", "gpu")));
        Assert.That(keys, Does.Contain(new ObjectKey("kueue.x-k8s.io", "ClusterQueue", null, "gpu-cq")));
        Assert.That(graph.Resolve(graph.FindApp("jobs")!.Requires.First(r => r.Kind == "LocalQueue")).Single().App!.Name, Is.EqualTo("jobs"));
    }

    [Test]
    public void KServeWithGatewayApiNeedsGatewayCrdsAndServiceUrlsAreSoftRequirements()
    {
        var graph = Build(TestApps.App("kserve", "l", """
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: inferenceservice-config}
            data:
              ingress: |
                {"enableGatewayApi": true}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: ui}
            spec:
              containers:
                - name: c
                  image: x:1
                  env: [{name: API, value: "http://litellm.litellm.svc.cluster.local:4000/v1"}]
            """, destinationNamespace: "kserve"));

        var requires = graph.FindApp("kserve")!.Requires;

        Assert.That(requires.Where(r => r.Target == RequirementTarget.CustomResourceDefinition).Select(r => r.Kind), Is.EquivalentTo(new[] { "Gateway", "HTTPRoute" }));
        var url = requires.Single(r => r.Kind == "Service");
        Assert.That(url.Key, Is.EqualTo(new ObjectKey(string.Empty, "Service", "litellm", "litellm")));
        Assert.That(url.Strength, Is.EqualTo(RequirementStrength.Soft));
    }

    [Test]
    public void ScaleTargetsAndRoleRefsAndStoresAreRequirements()
    {
        var graph = Build(TestApps.App("a", "l", """
            apiVersion: keda.sh/v1alpha1
            kind: ScaledObject
            metadata: {name: s}
            spec: {scaleTargetRef: {name: web}}
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata: {name: rb}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
            subjects: [{kind: ServiceAccount, name: x}]
            ---
            apiVersion: external-secrets.io/v1
            kind: ExternalSecret
            metadata: {name: es}
            spec: {secretStoreRef: {name: local-store}}
            """, destinationNamespace: "ns"));

        var keys = graph.FindApp("a")!.Requires.Where(r => r.Target == RequirementTarget.Object).Select(r => r.Key).ToList();

        Assert.That(keys, Does.Contain(new ObjectKey("apps", "Deployment", "ns", "web")));
        Assert.That(keys, Does.Contain(new ObjectKey("rbac.authorization.k8s.io", "Role", "ns", "reader")));
        Assert.That(keys, Does.Contain(new ObjectKey("external-secrets.io", "SecretStore", "ns", "local-store")));
    }
}
