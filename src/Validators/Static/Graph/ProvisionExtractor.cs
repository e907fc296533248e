using System.Text.Json.Nodes;
using PlatformValidation.Validators.Knowledge;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Graph;

/// <summary>
/// What one app provides: every rendered object, the CRD kinds it registers, its CreateNamespace namespace, the
/// objects well-known operators create from its custom resources, and the pods its workloads run.
/// </summary>
public sealed class ProvisionExtractor
{
    public ProvisionExtractor(OperatorKnowledge operators)
    {
        ArgumentNullException.ThrowIfNull(operators);
        Operators = operators;
    }

    public OperatorKnowledge Operators { get; }

    /// <summary>Fills <see cref="AppNode.Provides"/>, <see cref="AppNode.ProvidesKinds"/> and <see cref="AppNode.Pods"/>.</summary>
    public void Extract(AppNode node, Func<ManifestObject, string?> effectiveNamespace)
    {
        ArgumentNullException.ThrowIfNull(node);
        ArgumentNullException.ThrowIfNull(effectiveNamespace);
        var model = node.App.Model;
        if (model.HasSyncOption("CreateNamespace=true") && !string.IsNullOrEmpty(model.Destination.Namespace))
        {
            node.Provides.Add((ObjectKey.ForNamespace(model.Destination.Namespace), new Provider(node, ProviderOrigin.CreateNamespace, node.App.Manifest, "CreateNamespace=true")));
        }

        foreach (var obj in node.App.Resources)
        {
            var ns = effectiveNamespace(obj);
            if (obj.Kind.Length == 0 || obj.Name.Length == 0)
            {
                continue;
            }

            node.Provides.Add((new ObjectKey(obj.Group, obj.Kind, ns, obj.Name), new Provider(node, ProviderOrigin.Rendered, obj, "rendered")));
            if (KindScopes.CrdKind(obj) is { } gk)
            {
                node.ProvidesKinds.Add((gk, new Provider(node, ProviderOrigin.Rendered, obj, "CRD " + obj.Name)));
            }

            foreach (var created in Operators.ObjectsCreatedBy(obj.Body))
            {
                var createdNs = created.Namespace ?? ns;
                node.Provides.Add((new ObjectKey(ObjectKey.GroupOf(created.ApiVersion), created.Kind, createdNs, created.Name),
                    new Provider(node, ProviderOrigin.Operator, obj, $"created by the {obj.Group} operator from {obj.Kind} {obj.Name}")));
            }

            if (ns is not null && PodLabels(obj) is { Count: > 0 } labels)
            {
                node.Pods.Add(new PodTemplate(ns, labels, obj));
            }
        }
    }

    /// <summary>The labels of the pods <paramref name="obj"/> runs, or null when it runs none.</summary>
    public static IReadOnlyDictionary<string, string>? PodLabels(ManifestObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var body = obj.Body;
        switch (obj.Group, obj.Kind)
        {
            case ("", "Pod"):
                return Json.StringMap(body["metadata"]?["labels"]);
            case ("batch", "CronJob"):
                return Json.StringMap(body["spec"]?["jobTemplate"]?["spec"]?["template"]?["metadata"]?["labels"]);
            case ("serving.kserve.io", "InferenceService"):
                var labels = new Dictionary<string, string>(Json.StringMap(body["spec"]?["predictor"]?["labels"]), StringComparer.Ordinal)
                {
                    ["serving.kserve.io/inferenceservice"] = obj.Name,
                };
                return labels;
        }

        return body["spec"]?["template"] is JsonObject template && template["spec"]?["containers"] is JsonArray
            ? Json.StringMap(template["metadata"]?["labels"])
            : null;
    }
}
