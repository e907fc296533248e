using System.Text;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Api;
using PlatformValidation.Fakes.Cluster.Controllers;
using PlatformValidation.Fakes.Cluster.Hosting;
using PlatformValidation.Fakes.Cluster.Json;
using PlatformValidation.Fakes.Cluster.Schema;
using PlatformValidation.Fakes.Cluster.Storage;
using PlatformValidation.Validators.Knowledge;

namespace PlatformValidation.Fakes.Cluster.Operators;

/// <summary>
/// Well-known operators as stand-ins, driven by <see cref="OperatorKnowledge"/>: for each custom resource of a kind
/// the table lists, create the objects it says the operator creates (owned by the resource, so GC removes them) and
/// set the ready condition — for kinds with <c>requiresWorkload</c> (KServe) only once the workload is available.
/// A stand-in acts only while the kind's CRD is registered, as a real operator is installed with its CRDs.
/// </summary>
public sealed class OperatorStandIns : Controller
{
    private readonly OperatorKnowledge knowledge;

    public OperatorStandIns(ClusterCore core, OperatorKnowledge knowledge)
        : base(core) => this.knowledge = knowledge;

    public override string Name => "operator-stand-ins";

    protected override IReadOnlyList<GroupResource>? Watches => null;

    protected override IEnumerable<ControllerKey> KeysFor(StoreEvent e)
    {
        if (Rule(e.Resource) is not null)
        {
            return e.Type == WatchEventType.Deleted ? [] : [new ControllerKey(e.Resource, e.Object.Namespace(), e.Object.Name())];
        }

        // A created object changed or went away (or a predictor became available): revisit its owner.
        var owner = PodHelpers.ControllerRef(e.Object);
        if (owner is null)
        {
            return [];
        }

        var ownerType = Core.TypeFor(owner.Str("apiVersion") ?? string.Empty, owner.Str("kind") ?? string.Empty);
        return ownerType is not null && Rule(ownerType.GroupResource) is not null ? [new ControllerKey(ownerType.StorageResource, e.Object.Namespace(), owner.Str("name")!)] : [];
    }

    protected override IEnumerable<ControllerKey> InitialKeys() => [];

    private OperatorRule? Rule(GroupResource gr)
    {
        var type = Core.Registry.Storage(gr);
        // Gateway API kinds have their own stand-in (GatewayApiController), which follows class, listener and route semantics.
        return type is { IsCustom: true } && type.Group != GatewayApiController.Group ? knowledge.Find(type.Group, type.Kind) : null;
    }

    protected override Task ReconcileAsync(ControllerKey key, CancellationToken cancellationToken)
    {
        var type = Core.Registry.Storage(key.Resource);
        var rule = Rule(key.Resource);
        if (type is null || rule is null)
        {
            return Task.CompletedTask;
        }

        var cr = Store.TryGet(type, key.Namespace, key.Name);
        if (cr is null || PodHelpers.IsDeleting(cr))
        {
            return Task.CompletedTask;
        }

        foreach (var created in knowledge.ObjectsCreatedBy(cr))
        {
            var createdType = Core.TypeFor(created.ApiVersion, created.Kind);
            if (createdType is null || Store.TryGet(createdType, created.Namespace, created.Name) is not null)
            {
                continue;
            }

            var obj = Build(cr, created);
            obj.Metadata()["ownerReferences"] = new JsonArray(PodHelpers.OwnerReference(cr));
            Core.CreateIfAbsent(createdType, created.Namespace, obj, Name);
        }

        var ready = true;
        string? waitingFor = null;
        if (rule.Ready?.RequiresWorkload == true)
        {
            (ready, waitingFor) = EnsureWorkload(cr);
        }

        if (rule.Ready is { } readiness)
        {
            SetReady(type, cr, readiness.Condition, ready, waitingFor);
        }

        return Task.CompletedTask;
    }

    private void SetReady(ResourceType type, JsonObject cr, string condition, bool ready, string? waitingFor)
    {
        var now = Core.Time.GetUtcNow();
        var next = cr.Clone();
        var status = next.Child("status");
        var generation = cr.Long("metadata", "generation") ?? 1;
        var changed = JsonNodes.SetCondition(status, condition, ready ? "True" : "False", ready ? ReadyReason(cr) : "Progressing", ready ? $"{cr.Str("kind")} is ready (simulated operator)" : $"waiting for {waitingFor}", now);
        foreach (var c in status.Arr("conditions")?.OfType<JsonObject>() ?? [])
        {
            if (c["observedGeneration"]?.ToString() != generation.ToString(System.Globalization.CultureInfo.InvariantCulture))
            {
                c["observedGeneration"] = generation;
                changed = true;
            }
        }

        if (status.Long("observedGeneration") != generation)
        {
            status["observedGeneration"] = generation;
            changed = true;
        }

        KindStatus(cr, status, ready, ref changed);
        if (changed)
        {
            Store.Update(type, cr.Namespace(), cr.Name(), next, Context, type.HasStatus ? "status" : null);
        }
    }

    private static string ReadyReason(JsonObject cr) => cr.Str("kind") switch
    {
        "ExternalSecret" => "SecretSynced",
        "Certificate" => "Ready",
        "ClusterQueue" or "LocalQueue" => "Ready",
        _ => "Ready",
    };

    private static void KindStatus(JsonObject cr, JsonObject status, bool ready, ref bool changed)
    {
        switch (cr.Str("kind"))
        {
            case "Cluster" when cr.Str("apiVersion")?.StartsWith("postgresql.cnpg.io", StringComparison.Ordinal) == true:
                var instances = cr.Long("spec", "instances") ?? 1;
                if (status.Long("readyInstances") != instances)
                {
                    status["instances"] = instances;
                    status["readyInstances"] = instances;
                    status["phase"] = "Cluster in healthy state";
                    status["currentPrimary"] = cr.Name() + "-1";
                    changed = true;
                }

                break;
            case "InferenceService" when ready && status["url"] is null:
                status["url"] = $"http://{cr.Name()}.{cr.Namespace()}.svc.cluster.local";
                status["address"] = new JsonObject { ["url"] = $"http://{cr.Name()}-predictor.{cr.Namespace()}.svc.cluster.local" };
                changed = true;
                break;
        }
    }

    /// <summary>KServe RawDeployment: a predictor Deployment; ready once it is Available.</summary>
    private (bool Ready, string? WaitingFor) EnsureWorkload(JsonObject cr)
    {
        var deployType = Core.Registry.Find("apps", "v1", "deployments")!;
        var name = cr.Name() + "-predictor";
        var existing = Store.TryGet(deployType, cr.Namespace(), name);
        if (existing is null)
        {
            var predictor = cr.Obj("spec", "predictor") ?? [];
            var container = predictor.Arr("containers")?.OfType<JsonObject>().FirstOrDefault()?.Clone()
                ?? predictor.Obj("model")?.Clone() ?? new JsonObject();
            container["name"] = "kserve-container";
            container.Remove("modelFormat");
            container.Remove("storageUri");
            container.Remove("runtime");
            container.Remove("protocolVersion");
            container["image"] ??= "kserve/huggingfaceserver:v0.15.0";
            container.ChildArray("ports");
            if (container.Arr("ports") is { Count: 0 } ports)
            {
                ports.Add(new JsonObject { ["containerPort"] = 8080, ["protocol"] = "TCP" });
            }

            var labels = new JsonObject { ["app"] = name, ["serving.kserve.io/inferenceservice"] = cr.Name(), ["component"] = "predictor" };
            var spec = new JsonObject
            {
                ["replicas"] = predictor.Long("minReplicas") ?? 1,
                ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = name } },
                ["template"] = new JsonObject
                {
                    ["metadata"] = new JsonObject { ["labels"] = labels },
                    ["spec"] = new JsonObject { ["containers"] = new JsonArray(container) },
                },
            };
            foreach (var field in new[] { "nodeSelector", "tolerations", "affinity", "serviceAccountName" })
            {
                if (predictor[field] is { } value)
                {
                    spec["template"]!["spec"]![field] = value.DeepClone();
                }
            }

            Core.CreateIfAbsent(deployType, cr.Namespace(), new JsonObject
            {
                ["apiVersion"] = "apps/v1",
                ["kind"] = "Deployment",
                ["metadata"] = new JsonObject { ["name"] = name, ["labels"] = labels.DeepClone(), ["ownerReferences"] = new JsonArray(PodHelpers.OwnerReference(cr)) },
                ["spec"] = spec,
            }, Name);
            return (false, $"predictor deployment {name}");
        }

        var available = JsonNodes.ConditionStatus(existing, "Available") == "True" && (existing.Long("status", "availableReplicas") ?? 0) > 0;
        return (available, available ? null : $"predictor deployment {name} to become available");
    }

    /// <summary>The object an operator creates, with plausible content for the well-known cases.</summary>
    private static JsonObject Build(JsonObject cr, CreatedObject created)
    {
        var obj = new JsonObject
        {
            ["apiVersion"] = created.ApiVersion,
            ["kind"] = created.Kind,
            ["metadata"] = new JsonObject { ["name"] = created.Name, ["labels"] = new JsonObject { ["app.kubernetes.io/managed-by"] = "simulated-" + (cr.Str("kind") ?? "operator").ToLowerInvariant() } },
        };
        switch (created.Kind)
        {
            case "Secret":
                obj["type"] = "Opaque";
                obj["data"] = SecretData(cr, created, obj);
                break;
            case "Service":
                var port = cr.Str("apiVersion")?.StartsWith("postgresql.cnpg.io", StringComparison.Ordinal) == true ? 5432 : 80;
                var target = port == 5432 ? 5432 : 8080;
                var selector = cr.Str("kind") == "InferenceService" ? new JsonObject { ["app"] = cr.Name() + "-predictor" } : new JsonObject { ["cnpg.io/cluster"] = cr.Name() };
                obj["spec"] = new JsonObject
                {
                    ["selector"] = selector,
                    ["ports"] = new JsonArray(new JsonObject { ["name"] = port == 5432 ? "postgres" : "http", ["port"] = port, ["targetPort"] = target, ["protocol"] = "TCP" }),
                };
                break;
            case "HorizontalPodAutoscaler":
                obj["spec"] = new JsonObject
                {
                    ["scaleTargetRef"] = new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = cr.Str("spec", "scaleTargetRef", "kind") ?? "Deployment", ["name"] = cr.Str("spec", "scaleTargetRef", "name") ?? cr.Name() },
                    ["minReplicas"] = Math.Max(1, cr.Long("spec", "minReplicaCount") ?? 1),
                    ["maxReplicas"] = cr.Long("spec", "maxReplicaCount") ?? 100,
                };
                break;
        }

        return obj;
    }

    private static JsonObject SecretData(JsonObject cr, CreatedObject created, JsonObject secret)
    {
        static string B64(string s) => Convert.ToBase64String(Encoding.UTF8.GetBytes(s));
        var data = new JsonObject();
        switch (cr.Str("kind"))
        {
            case "ExternalSecret":
                foreach (var item in cr.Arr("spec", "data")?.OfType<JsonObject>() ?? [])
                {
                    if (item.Str("secretKey") is { } k)
                    {
                        data[k] = B64("simulated-" + k);
                    }
                }

                if (cr.Str("spec", "target", "template", "type") is { } t)
                {
                    secret["type"] = t;
                }

                foreach (var (k, _) in cr.Obj("spec", "target", "template", "data") ?? [])
                {
                    data[k] = B64("simulated-" + k);
                }

                if (data.Count == 0)
                {
                    data["value"] = B64("simulated");
                }

                break;
            case "SealedSecret":
                foreach (var (k, _) in cr.Obj("spec", "encryptedData") ?? [])
                {
                    data[k] = B64("simulated-" + k);
                }

                break;
            case "Certificate":
                secret["type"] = "kubernetes.io/tls";
                data["tls.crt"] = B64("-----BEGIN CERTIFICATE-----\nsimulated\n-----END CERTIFICATE-----\n");
                data["tls.key"] = B64("-----BEGIN PRIVATE KEY-----\nsimulated\n-----END PRIVATE KEY-----\n");
                data["ca.crt"] = B64("-----BEGIN CERTIFICATE-----\nsimulated-ca\n-----END CERTIFICATE-----\n");
                break;
            case "Cluster":
                var user = created.Name.EndsWith("-superuser", StringComparison.Ordinal) ? "postgres" : cr.Str("spec", "bootstrap", "initdb", "owner") ?? "app";
                var db = cr.Str("spec", "bootstrap", "initdb", "database") ?? "app";
                var host = $"{cr.Name()}-rw";
                secret["type"] = "kubernetes.io/basic-auth";
                data["username"] = B64(user);
                data["password"] = B64("simulated-password");
                data["dbname"] = B64(db);
                data["host"] = B64(host);
                data["port"] = B64("5432");
                data["uri"] = B64($"postgresql://{user}:simulated-password@{host}.{cr.Namespace()}:5432/{db}");
                break;
            default:
                data["value"] = B64("simulated");
                break;
        }

        return data;
    }

    internal static ApiException? NoError => null;
}
