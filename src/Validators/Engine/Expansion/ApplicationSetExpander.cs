using System.Text.Json.Nodes;
using PlatformValidation.Validators.Argo;
using PlatformValidation.Validators.Expansion.Generators;
using PlatformValidation.Validators.Findings;
using PlatformValidation.Validators.Loading;
using PlatformValidation.Validators.Patching;
using PlatformValidation.Validators.Rendering;
using PlatformValidation.Validators.Templating;

namespace PlatformValidation.Validators.Expansion;

/// <summary>
/// Runs an ApplicationSet's generators (list, git directories/files, matrix, merge, in-cluster clusters; selectors
/// post-filter) and renders its template with fasttemplate or goTemplate, templatePatch and the finalizer rule
/// [ARGOCD-SEMANTICS §7.1–7.3; applicationset/controllers/template/template.go GenerateApplications]. Git
/// generators read through <see cref="IRepoResolver"/>, so the reconciler can pass a view of the repo at a
/// revision. Generated Applications carry no ownerReferences (the caller adds them with the set's UID). Thread-safe.
/// </summary>
public sealed class ApplicationSetExpander
{
    private const string FixHint = "Fix the ApplicationSet's generators or template at the reported line; Argo CD creates, updates and deletes no Application of this set until it renders.";

    public ApplicationSetExpander(IRepoResolver resolver, ApplicationSetExpanderOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        Resolver = resolver;
        Options = options ?? ApplicationSetExpanderOptions.Default;
    }

    public IRepoResolver Resolver { get; }

    public ApplicationSetExpanderOptions Options { get; }

    /// <summary>The Applications <paramref name="set"/> generates, or none plus findings when anything fails.</summary>
    public ApplicationSetExpansion Expand(ApplicationSet set, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(set);
        var evaluator = new GeneratorEvaluator(set, Resolver, Options, cancellationToken);
        var generated = new List<GeneratedApplication>();
        var findings = new List<Finding>();
        try
        {
            for (var i = 0; i < set.Generators.Count; i++)
            {
                var generator = set.Generators[i];
                var parameterSets = evaluator.Transform(generator, null);
                var template = MergedTemplate(set, generator);
                foreach (var parameters in parameterSets)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    if (Render(set, evaluator.Engine, template, generator, parameters) is { } app)
                    {
                        generated.Add(app);
                    }
                    else
                    {
                        findings.Add(Argo001(set, "/spec/template/metadata/name", $"ApplicationSet {set.Name} contains an application with no name; a name must be set in the template's metadata.name or via a templatePatch (generateName is not supported)"));
                    }
                }
            }
        }
        catch (GeneratorException ex)
        {
            var finding = ex.NotAvailableHere
                ? RenderFindings.NotRendered(set.Name, set.Manifest.LocationOf(ex.Pointer), $"ApplicationSet '{set.Name}' cannot be expanded here: {ex.Message}", "Supply a local directory for the repository, or validate this ApplicationSet on a cluster with a real Argo CD.")
                : Argo001(set, ex.Pointer, ex.Message);
            return new ApplicationSetExpansion(set, [], [finding]) { Succeeded = false };
        }
        catch (Exception ex) when (ex is GoTemplateException or FormatException)
        {
            return new ApplicationSetExpansion(set, [], [Argo001(set, "/spec/template", $"rendering the template failed: {ex.Message}")]) { Succeeded = false };
        }

        return Validate(set, generated, findings);
    }

    /// <summary>validateGeneratedApplications: a name generated twice drops every copy with a finding (empty names were dropped while rendering).</summary>
    private static ApplicationSetExpansion Validate(ApplicationSet set, List<GeneratedApplication> generated, List<Finding> findings)
    {
        var counts = generated.GroupBy(a => a.Model.Name, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Count(), StringComparer.Ordinal);
        var reported = new HashSet<string>(StringComparer.Ordinal);
        var kept = new List<GeneratedApplication>();
        foreach (var app in generated)
        {
            var name = app.Model.Name;
            if (counts[name] > 1)
            {
                // Errors are keyed by namespace/name, so every copy of a duplicated name is left out.
                if (reported.Add(name))
                {
                    findings.Add(Argo001(set, "/spec/template/metadata/name", $"ApplicationSet {set.Name} contains applications with duplicate name: {name}"));
                }
            }
            else
            {
                kept.Add(app);
            }
        }

        return new ApplicationSetExpansion(set, kept, findings);
    }

    /// <summary>A generator's own template overrides spec.template (mergo.Merge fills the generator template's empty fields).</summary>
    private static JsonObject MergedTemplate(ApplicationSet set, GeneratorSpec generator)
    {
        if (generator.Template is null || generator.Template.Count == 0)
        {
            return set.Template;
        }

        var merged = (JsonObject)generator.Template.DeepClone();
        ParamSets.MergeFill(merged, set.Template);
        return merged;
    }

    /// <summary>One Application from one parameter set, or null when it renders without a name.</summary>
    private GeneratedApplication? Render(ApplicationSet set, TemplateEngine engine, JsonObject template, GeneratorSpec generator, JsonObject parameters)
    {
        var templateMeta = template["metadata"] as JsonObject ?? [];
        var meta = new JsonObject();
        foreach (var key in new[] { "name", "namespace", "labels", "annotations", "finalizers" })
        {
            if (templateMeta[key] is { } value)
            {
                meta[key] = value.DeepClone();
            }
        }

        var body = new JsonObject
        {
            ["apiVersion"] = "argoproj.io/v1alpha1",
            ["kind"] = ArgoKinds.Application,
            ["metadata"] = meta,
            ["spec"] = (template["spec"] as JsonObject)?.DeepClone() ?? new JsonObject(),
        };

        // RenderTemplateParams: no parameters → the template as it is, without the finalizer rule.
        if (parameters.Count > 0)
        {
            body = (JsonObject)engine.RenderTree(body, parameters)!;
            var finalizers = body["metadata"]?["finalizers"] as JsonArray;
            if (set.SyncPolicy?.PreserveResourcesOnDeletion != true && (finalizers is null || finalizers.Count == 0))
            {
                // [ARGOCD-SEMANTICS §7.2] no finalizers in the template and resources not preserved → resources finalizer.
                ((JsonObject)body["metadata"]!)["finalizers"] = new JsonArray(Application.ResourcesFinalizer);
            }
        }

        if (set.TemplatePatch is { } patchTemplate)
        {
            body = ApplyTemplatePatch(set, engine, body, patchTemplate, parameters);
        }

        // The app's namespace is forced to the ApplicationSet's namespace (appsets-in-any-namespace boundary).
        ((JsonObject)body["metadata"]!)["namespace"] = set.Namespace ?? Options.ControlPlaneNamespace;

        var location = set.Manifest.LocationOf("/spec/template");
        var manifest = new ManifestObject(body, location) { Locations = TemplateLocations(set, generator, body) };
        if (manifest.Name.Length == 0)
        {
            return null;
        }

        var parsed = ArgoModelParser.ParseApplication(manifest);
        if (parsed.Value is null || !parsed.IsValid)
        {
            throw new GeneratorException(
                $"the generated Application '{manifest.Name}' is invalid: {string.Join("; ", parsed.Findings.Select(f => f.Message))}",
                "/spec/template");
        }

        return new GeneratedApplication(manifest, parsed.Value, parameters);
    }

    private JsonObject ApplyTemplatePatch(ApplicationSet set, TemplateEngine engine, JsonObject body, string patchTemplate, JsonObject parameters)
    {
        var rendered = engine.Replace(patchTemplate, parameters);
        var (documents, findings) = YamlDocumentReader.Read(rendered, "templatePatch", Options.Loader);
        if (findings.Count > 0 || documents.Count == 0 || documents[0].Root is not JsonObject patch)
        {
            throw new GeneratorException(
                $"error while converting template to json: the rendered templatePatch is not a YAML/JSON mapping{(findings.Count > 0 ? ": " + findings[0].Message : string.Empty)}",
                "/spec/templatePatch");
        }

        var project = body["spec"]?["project"]?.DeepClone();
        JsonObject patched;
        try
        {
            // Argo CD: strategicpatch.StrategicMergePatch(app, patch, v1alpha1.Application{}) in applicationset/utils
            // (applyTemplatePatch); the Application type declares no list merge strategy.
            patched = StrategicMergePatch.Apply(body, patch, StrategicMergeSchema.NoStrategy);
        }
        catch (StrategicMergePatchException e)
        {
            throw new GeneratorException($"error while applying templatePatch template to json: {e.Message}", "/spec/templatePatch");
        }

        if (patched["spec"] is JsonObject spec)
        {
            // A templatePatch can never change spec.project.
            if (project is null)
            {
                spec.Remove("project");
            }
            else
            {
                spec["project"] = project;
            }
        }

        return patched;
    }

    /// <summary>Each generated node points at the template node it came from (generator template first, then spec.template).</summary>
    private static NodeLocations TemplateLocations(ApplicationSet set, GeneratorSpec generator, JsonObject body)
    {
        var locations = new NodeLocations(set.Manifest.Location.File);
        var stack = new Stack<(JsonNode Node, string Pointer)>();
        stack.Push((body, string.Empty));
        while (stack.Count > 0)
        {
            var (node, pointer) = stack.Pop();
            var templatePointer = pointer.StartsWith("/metadata", StringComparison.Ordinal) || pointer.StartsWith("/spec", StringComparison.Ordinal) ? pointer : null;
            if (templatePointer is not null)
            {
                var fromGenerator = generator.Template is not null && JsonPointer.Resolve(generator.Template, templatePointer) is not null;
                var source = fromGenerator ? generator.Pointer + "/template" + templatePointer : "/spec/template" + templatePointer;
                var location = set.Manifest.LocationOf(source);
                locations.Add(node, location.Line, location.Column);
            }

            foreach (var child in JsonPointer.Children(node, pointer))
            {
                stack.Push(child);
            }
        }

        return locations;
    }

    private static Finding Argo001(ApplicationSet set, string pointer, string message) =>
        new(ArgoModelParser.Argo001, Severity.Error, $"ApplicationSet '{set.Name}': {message}", set.Manifest.LocationOf(pointer), FixHint) { App = set.Name };
}
