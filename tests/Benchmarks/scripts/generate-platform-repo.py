#!/usr/bin/env python3
"""Generates a synthetic layered Argo CD platform repo (plus its scenario file) for the `validate` benchmark.

    generate-platform-repo.py OUT_DIR --apps 1000 [--layers 5] [--kustomize-every 50] [--helm-every 10]

Writes OUT_DIR/scenario.yaml and OUT_DIR/repo/: one AppProject, one app-of-apps root per layer
(clusters/bench/roots/<layer>.yaml, directory recurse), a `base` app in the first layer that provides the CRDs
(ExternalSecret, Gateway API), a ClusterSecretStore and the shared Gateway, and N workload apps spread evenly over
the layers. Each workload app renders 11 resources (ConfigMap, ServiceAccount, Deployment, Service, HPA, PDB,
NetworkPolicy, Role, RoleBinding, ExternalSecret, HTTPRoute), so 1,000 apps give 11,000+ resources. Every
`--kustomize-every`-th app is a kustomize base + overlay instead of a plain directory, and every `--helm-every`-th
app a local Helm chart (templates through `_helpers.tpl`, plus a `common` subchart), rendered in process. The generated repo is clean:
`validate` reports no error. Deterministic: the same arguments produce the same bytes. Needs only Python 3.
"""
import argparse
import os
import shutil

REPO_URL = "https://git.example.org/bench/platform.git"


def write(root, rel, text):
    path = os.path.join(root, rel)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def crd(group, kind, plural, version, scope="Namespaced"):
    return f"""apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: {plural}.{group}
spec:
  group: {group}
  scope: {scope}
  names:
    kind: {kind}
    plural: {plural}
  versions:
    - name: {version}
      served: true
      storage: true
      schema:
        openAPIV3Schema:
          type: object
          x-kubernetes-preserve-unknown-fields: true
"""


def application(name, layer, path, namespace, wave, extra=""):
    ns = f"\n    namespace: {namespace}" if namespace else ""
    return f"""apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: {name}
  namespace: argocd
  labels:
    bench.example.org/layer: {layer}
  annotations:
    argocd.argoproj.io/sync-wave: "{wave}"
  finalizers:
    - resources-finalizer.argocd.argoproj.io
spec:
  project: bench
  source:
    repoURL: {REPO_URL}
    targetRevision: main
    path: {path}
  destination:
    server: https://kubernetes.default.svc{ns}
  syncPolicy:
    automated:
      prune: true
      selfHeal: true
    syncOptions:
      - CreateNamespace=true
      - RespectIgnoreDifferences=true
{extra}"""


def workload(name):
    """The 11 resources of one workload app (namespace comes from the Application's destination)."""
    return f"""apiVersion: v1
kind: ConfigMap
metadata:
  name: {name}-config
data:
  LOG_LEVEL: info
---
apiVersion: v1
kind: ServiceAccount
metadata:
  name: {name}
---
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {name}
  labels:
    app.kubernetes.io/name: {name}
spec:
  replicas: 1
  selector:
    matchLabels:
      app.kubernetes.io/name: {name}
  template:
    metadata:
      labels:
        app.kubernetes.io/name: {name}
    spec:
      serviceAccountName: {name}
      containers:
        - name: app
          image: registry.example/bench/{name}:1.0.0
          envFrom:
            - configMapRef:
                name: {name}-config
          env:
            - name: TOKEN
              valueFrom:
                secretKeyRef:
                  name: {name}-token
                  key: token
          ports:
            - name: http
              containerPort: 8080
          resources:
            requests: {{cpu: 10m, memory: 16Mi}}
---
apiVersion: v1
kind: Service
metadata:
  name: {name}
spec:
  selector:
    app.kubernetes.io/name: {name}
  ports:
    - name: http
      port: 80
      targetPort: http
---
apiVersion: autoscaling/v2
kind: HorizontalPodAutoscaler
metadata:
  name: {name}
spec:
  scaleTargetRef:
    apiVersion: apps/v1
    kind: Deployment
    name: {name}
  minReplicas: 1
  maxReplicas: 3
  metrics:
    - type: Resource
      resource:
        name: cpu
        target: {{type: Utilization, averageUtilization: 80}}
---
apiVersion: policy/v1
kind: PodDisruptionBudget
metadata:
  name: {name}
spec:
  minAvailable: 0
  selector:
    matchLabels:
      app.kubernetes.io/name: {name}
---
apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata:
  name: {name}
spec:
  podSelector:
    matchLabels:
      app.kubernetes.io/name: {name}
  ingress:
    - ports:
        - port: 8080
---
apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata:
  name: {name}
rules:
  - apiGroups: [""]
    resources: ["configmaps"]
    verbs: ["get"]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata:
  name: {name}
subjects:
  - kind: ServiceAccount
    name: {name}
roleRef:
  apiGroup: rbac.authorization.k8s.io
  kind: Role
  name: {name}
---
apiVersion: external-secrets.io/v1
kind: ExternalSecret
metadata:
  name: {name}-token
spec:
  secretStoreRef:
    kind: ClusterSecretStore
    name: bench-secrets
  target:
    name: {name}-token
  data:
    - secretKey: token
      remoteRef:
        key: {name}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata:
  name: {name}
spec:
  parentRefs:
    - name: front-door
      namespace: gateway
  hostnames:
    - {name}.bench.example.internal
  rules:
    - backendRefs:
        - name: {name}
          port: 80
"""


IGNORE_REPLICAS = """  ignoreDifferences:
    - group: apps
      kind: Deployment
      jsonPointers:
        - /spec/replicas
"""


HELPERS = """{{- define "wl.name" -}}{{ .Values.name | trunc 63 | trimSuffix "-" }}{{- end -}}
{{- define "wl.labels" -}}
app.kubernetes.io/name: {{ include "wl.name" . }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}
"""


def chart(repo, name):
    """A local chart that renders the same 11 workload resources as a plain app, plus a subchart's ConfigMap."""
    base = f"workloads/{name}/chart"
    write(repo, f"{base}/Chart.yaml", f"apiVersion: v2\nname: {name}\nversion: 0.1.0\ndependencies:\n  - name: common\n    version: 0.1.0\n    condition: common.enabled\n")
    write(repo, f"{base}/values.yaml", f"name: {name}\nglobal:\n  team: bench\ncommon:\n  enabled: true\n")
    write(repo, f"{base}/templates/_helpers.tpl", HELPERS)
    write(repo, f"{base}/templates/resources.yaml", workload("{{ include \"wl.name\" . }}"))
    write(repo, f"{base}/charts/common/Chart.yaml", "apiVersion: v2\nname: common\nversion: 0.1.0\n")
    write(repo, f"{base}/charts/common/templates/configmap.yaml",
          "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-common\n  labels:\n    team: {{ .Values.global.team | quote }}\ndata:\n  chart: {{ .Chart.Name | quote }}\n")
    return base


def generate(out, apps, layers, kustomize_every, helm_every=10):
    if os.path.exists(out):
        shutil.rmtree(out)
    repo = os.path.join(out, "repo")
    layer_names = [f"layer{i + 1}" for i in range(layers)]
    write(repo, "clusters/bench/project.yaml", f"""apiVersion: argoproj.io/v1alpha1
kind: AppProject
metadata:
  name: bench
  namespace: argocd
spec:
  sourceRepos:
    - {REPO_URL}
  destinations:
    - server: https://kubernetes.default.svc
      namespace: '*'
  clusterResourceWhitelist:
    - group: '*'
      kind: '*'
""")
    for layer in layer_names:
        write(repo, f"clusters/bench/roots/{layer}.yaml", f"""apiVersion: argoproj.io/v1alpha1
kind: Application
metadata:
  name: root-{layer}
  namespace: argocd
  finalizers:
    - resources-finalizer.argocd.argoproj.io
spec:
  project: bench
  source:
    repoURL: {REPO_URL}
    targetRevision: main
    path: clusters/bench/apps/{layer}
    directory:
      recurse: true
  destination:
    server: https://kubernetes.default.svc
    namespace: argocd
  syncPolicy:
    automated:
      prune: true
      selfHeal: true
""")

    # The base app: CRDs, the secret store and the shared front-door Gateway.
    write(repo, "clusters/bench/apps/layer1/base.yaml", application("base", "layer1", "base", "gateway", -10))
    write(repo, "base/crds.yaml", "---\n".join([
        crd("external-secrets.io", "ExternalSecret", "externalsecrets", "v1"),
        crd("external-secrets.io", "ClusterSecretStore", "clustersecretstores", "v1", "Cluster"),
        crd("gateway.networking.k8s.io", "GatewayClass", "gatewayclasses", "v1", "Cluster"),
        crd("gateway.networking.k8s.io", "Gateway", "gateways", "v1"),
        crd("gateway.networking.k8s.io", "HTTPRoute", "httproutes", "v1"),
    ]))
    write(repo, "base/gateway.yaml", """apiVersion: external-secrets.io/v1
kind: ClusterSecretStore
metadata:
  name: bench-secrets
spec:
  provider:
    fake:
      data: []
---
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata:
  name: bench
spec:
  controllerName: example.org/bench
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata:
  name: front-door
spec:
  gatewayClassName: bench
  listeners:
    - name: http
      protocol: HTTP
      port: 80
      allowedRoutes:
        namespaces:
          from: All
""")

    for i in range(apps):
        layer = layer_names[i * layers // apps]
        name = f"svc-{i:05d}"
        namespace = f"team-{i % 50:02d}"
        kustomized = kustomize_every > 0 and i % kustomize_every == kustomize_every - 1
        helm = not kustomized and helm_every > 0 and i % helm_every == helm_every - 1
        path = f"workloads/{name}/overlays/bench" if kustomized else f"workloads/{name}/chart" if helm else f"workloads/{name}"
        write(repo, f"clusters/bench/apps/{layer}/{name}.yaml", application(name, layer, path, namespace, 0, IGNORE_REPLICAS))
        if helm:
            chart(repo, name)
        elif kustomized:
            write(repo, f"workloads/{name}/base/resources.yaml", workload(name))
            write(repo, f"workloads/{name}/base/kustomization.yaml", "apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - resources.yaml\n")
            write(repo, f"workloads/{name}/overlays/bench/kustomization.yaml",
                  f"apiVersion: kustomize.config.k8s.io/v1beta1\nkind: Kustomization\nresources:\n  - ../../base\nimages:\n  - name: registry.example/bench/{name}\n    newTag: 1.0.1\n")
        else:
            write(repo, f"workloads/{name}/resources.yaml", workload(name))

    profiles = "\n".join(f"  p{n}: [{', '.join(layer_names[:n])}]" for n in range(1, layers + 1))
    layer_entries = "\n".join(f"  - name: {l}\n    manifests: [clusters/bench/roots/{l}.yaml]" for l in layer_names)
    write(out, "scenario.yaml", f"""# Generated by tests/Benchmarks/scripts/generate-platform-repo.py ({apps} apps, {layers} layers).
apiVersion: platformvalidation.io/v1alpha1
kind: Scenario
name: bench-{apps}
repo:
  path: repo
  urls: [{REPO_URL}]
  revision: main
alwaysApply: [clusters/bench/project.yaml]
layers:
{layer_entries}
profiles:
{profiles}
""")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", help="output directory (replaced)")
    parser.add_argument("--apps", type=int, default=1000)
    parser.add_argument("--layers", type=int, default=5)
    parser.add_argument("--kustomize-every", type=int, default=50, help="every Nth app renders through kustomize (0: none)")
    parser.add_argument("--helm-every", type=int, default=10, help="every Nth app is a local Helm chart with a subchart (0: none)")
    args = parser.parse_args()
    if args.apps < 1 or args.layers < 1:
        parser.error("--apps and --layers must be positive")
    generate(args.out, args.apps, args.layers, args.kustomize_every, args.helm_every)
    print(f"wrote {args.out}: {args.apps} apps, {args.layers} layers, {args.apps * 11 + 10} resources")


if __name__ == "__main__":
    main()
