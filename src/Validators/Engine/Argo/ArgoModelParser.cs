using System.Text.Json.Nodes;
using PlatformValidation.Validators.Loading;

namespace PlatformValidation.Validators.Argo;

/// <summary>
/// Parses Argo CD manifests into the immutable model, reporting ARGO001 (message + the field's location) for
/// invalid specs: wrong types, missing required fields, both <c>destination.server</c> and <c>name</c>, a ref
/// source with a chart, several tool blocks on one source, matrix without exactly two children, and so on
/// [ARGOCD-SEMANTICS §1, §7, §8].
/// </summary>
public static class ArgoModelParser
{
    /// <summary>The ARGO001 finding ID.</summary>
    public const string Argo001 = "ARGO001";

    private const string ApplicationHint = "Fix the field at the reported line; the Application reference is https://argo-cd.readthedocs.io/en/stable/operator-manual/application.yaml";
    private const string ApplicationSetHint = "Fix the field at the reported line; see https://argo-cd.readthedocs.io/en/stable/operator-manual/applicationset/";
    private const string ProjectHint = "Fix the field at the reported line; see https://argo-cd.readthedocs.io/en/stable/operator-manual/project.yaml";

    /// <summary>Parses an Application.</summary>
    public static ParseResult<Application> ParseApplication(ManifestObject manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var r = new SpecReader(manifest, $"Application '{manifest.Name}'", ApplicationHint) { AppName = manifest.Name };
        var body = manifest.Body;
        var meta = r.Object(body, string.Empty, "metadata", required: true);
        var name = r.String(meta, "/metadata", "name", required: true) ?? string.Empty;
        var ns = r.String(meta, "/metadata", "namespace");
        var spec = r.Object(body, string.Empty, "spec", required: true);
        var project = r.String(spec, "/spec", "project");
        var (sources, multi) = ApplicationSourceParser.ParseSources(r, spec);
        var destination = ParseDestination(r, spec);
        var syncPolicy = ParseSyncPolicy(r, spec);
        var ignore = ParseIgnoreDifferences(r, spec);
        var metadata = r.Metadata(body);
        var operation = r.Object(body, string.Empty, "operation");
        if (spec is null || meta is null)
        {
            return new ParseResult<Application>(null, r.Findings);
        }

        var app = new Application(
            name,
            ns,
            string.IsNullOrEmpty(project) ? "default" : project,
            sources,
            multi,
            destination,
            syncPolicy,
            ignore,
            metadata,
            operation,
            manifest);
        return new ParseResult<Application>(app, r.Findings);
    }

    /// <summary>Parses an ApplicationSet.</summary>
    public static ParseResult<ApplicationSet> ParseApplicationSet(ManifestObject manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var r = new SpecReader(manifest, $"ApplicationSet '{manifest.Name}'", ApplicationSetHint) { AppName = manifest.Name };
        var body = manifest.Body;
        var meta = r.Object(body, string.Empty, "metadata", required: true);
        var name = r.String(meta, "/metadata", "name", required: true) ?? string.Empty;
        var ns = r.String(meta, "/metadata", "namespace");
        var spec = r.Object(body, string.Empty, "spec", required: true);
        var generators = GeneratorParser.ParseList(r, spec, "/spec", "generators", nesting: 0);
        if (spec is not null && r.Node(spec, "generators") is null)
        {
            r.Error("/spec", "spec.generators is required");
        }

        var template = r.Object(spec, "/spec", "template", required: spec is not null);
        var goTemplate = r.Bool(spec, "/spec", "goTemplate") ?? false;
        var options = r.StringList(spec, "/spec", "goTemplateOptions");
        var patch = r.String(spec, "/spec", "templatePatch");
        var policy = r.Object(spec, "/spec", "syncPolicy");
        ApplicationSetSyncPolicy? syncPolicy = null;
        if (policy is not null)
        {
            var applicationsSync = r.String(policy, "/spec/syncPolicy", "applicationsSync");
            if (applicationsSync is not null && applicationsSync is not ("create-only" or "create-update" or "create-delete" or "sync"))
            {
                r.Error("/spec/syncPolicy/applicationsSync", $"spec.syncPolicy.applicationsSync must be one of create-only, create-update, create-delete, sync (got \"{applicationsSync}\")");
            }

            syncPolicy = new ApplicationSetSyncPolicy(applicationsSync, r.Bool(policy, "/spec/syncPolicy", "preserveResourcesOnDeletion") ?? false);
        }

        var preserved = r.Object(spec, "/spec", "preservedFields");
        var metadata = r.Metadata(body);
        if (spec is null || meta is null || template is null)
        {
            return new ParseResult<ApplicationSet>(null, r.Findings);
        }

        var set = new ApplicationSet(name, ns, generators, template, patch, goTemplate, options, syncPolicy, preserved, metadata, manifest);
        return new ParseResult<ApplicationSet>(set, r.Findings);
    }

    /// <summary>Parses an AppProject.</summary>
    public static ParseResult<AppProject> ParseAppProject(ManifestObject manifest)
    {
        ArgumentNullException.ThrowIfNull(manifest);
        var r = new SpecReader(manifest, $"AppProject '{manifest.Name}'", ProjectHint);
        var body = manifest.Body;
        var meta = r.Object(body, string.Empty, "metadata", required: true);
        var name = r.String(meta, "/metadata", "name", required: true) ?? string.Empty;
        var ns = r.String(meta, "/metadata", "namespace");
        var spec = r.Object(body, string.Empty, "spec") ?? [];
        var destinations = r.ObjectList(spec, "/spec", "destinations")
            .Select(d => new ProjectDestination(r.String(d.Item, d.Pointer, "server"), r.String(d.Item, d.Pointer, "name"), r.String(d.Item, d.Pointer, "namespace")))
            .ToList();
        var project = new AppProject(
            name,
            ns,
            r.StringList(spec, "/spec", "sourceRepos"),
            destinations,
            GroupKinds(r, spec, "clusterResourceWhitelist", allowName: true) ?? [],
            GroupKinds(r, spec, "clusterResourceBlacklist", allowName: true) ?? [],
            GroupKinds(r, spec, "namespaceResourceWhitelist", allowName: false),
            GroupKinds(r, spec, "namespaceResourceBlacklist", allowName: false) ?? [],
            r.StringList(spec, "/spec", "sourceNamespaces"),
            manifest);
        return new ParseResult<AppProject>(meta is null ? null : project, r.Findings);
    }

    private static List<GroupKindRule>? GroupKinds(SpecReader r, JsonObject spec, string key, bool allowName)
    {
        if (r.Node(spec, key) is null)
        {
            return null;
        }

        return r.ObjectList(spec, "/spec", key)
            .Select(e => new GroupKindRule(
                r.String(e.Item, e.Pointer, "group") ?? string.Empty,
                r.String(e.Item, e.Pointer, "kind", required: true) ?? string.Empty,
                allowName ? r.String(e.Item, e.Pointer, "name") : null))
            .ToList();
    }

    private static ApplicationDestination ParseDestination(SpecReader r, JsonObject? spec)
    {
        var d = r.Object(spec, "/spec", "destination", required: spec is not null);
        var server = r.String(d, "/spec/destination", "server");
        var name = r.String(d, "/spec/destination", "name");
        var ns = r.String(d, "/spec/destination", "namespace");
        if (d is not null)
        {
            // [ARGOCD-SEMANTICS §1.5; util/argo/argo.go GetDestinationServer]
            if (!string.IsNullOrEmpty(server) && !string.IsNullOrEmpty(name))
            {
                r.Error("/spec/destination", $"application destination can't have both name and server defined: {name} {server}");
            }
            else if (string.IsNullOrEmpty(server) && string.IsNullOrEmpty(name))
            {
                r.Error("/spec/destination", "spec.destination needs a server or a name (in-cluster: server https://kubernetes.default.svc)");
            }
        }

        return new ApplicationDestination(string.IsNullOrEmpty(server) ? null : server, string.IsNullOrEmpty(name) ? null : name, string.IsNullOrEmpty(ns) ? null : ns);
    }

    private static SyncPolicy? ParseSyncPolicy(SpecReader r, JsonObject? spec)
    {
        var p = r.Object(spec, "/spec", "syncPolicy");
        if (p is null)
        {
            return null;
        }

        const string P = "/spec/syncPolicy";
        AutomatedSyncPolicy? automated = null;
        if (r.Node(p, "automated") is not null)
        {
            var a = r.Object(p, P, "automated");
            if (a is not null)
            {
                const string A = P + "/automated";
                automated = new AutomatedSyncPolicy(r.Bool(a, A, "prune") ?? false, r.Bool(a, A, "selfHeal") ?? false, r.Bool(a, A, "allowEmpty") ?? false, r.Bool(a, A, "enabled"));
            }
        }

        return new SyncPolicy(automated, r.StringList(p, P, "syncOptions"), r.Object(p, P, "retry"), r.Object(p, P, "managedNamespaceMetadata"));
    }

    private static List<IgnoreDifference> ParseIgnoreDifferences(SpecReader r, JsonObject? spec) =>
        r.ObjectList(spec, "/spec", "ignoreDifferences")
            .Select(e => new IgnoreDifference(
                r.String(e.Item, e.Pointer, "group") ?? string.Empty,
                r.String(e.Item, e.Pointer, "kind", required: true) ?? string.Empty,
                NullIfEmpty(r.String(e.Item, e.Pointer, "name")),
                NullIfEmpty(r.String(e.Item, e.Pointer, "namespace")),
                r.StringList(e.Item, e.Pointer, "jsonPointers"),
                r.StringList(e.Item, e.Pointer, "jqPathExpressions"),
                r.StringList(e.Item, e.Pointer, "managedFieldsManagers")))
            .ToList();

    private static string? NullIfEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;
}
