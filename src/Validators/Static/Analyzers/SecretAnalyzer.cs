using System.Text.Json.Nodes;
using PlatformValidation.Validators.Findings;

namespace PlatformValidation.Validators.Analyzers;

/// <summary>
/// SEC001: a Secret with data or stringData committed to Git. SEC002: a secret written as a literal value — a
/// container env var or a Helm parameter whose name says password, token, secret or key. Values are never quoted.
/// </summary>
public sealed class SecretAnalyzer : IStaticAnalyzer
{
    public IEnumerable<Finding> Analyze(AnalysisContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var seen = new HashSet<Loading.SourceLocation>();
        var candidates = context.DistinctApps().SelectMany(a => a.App.Resources.Select(r => (Object: r, App: (string?)a.App.Name)))
            .Concat(context.Profiles.SelectMany(p => p.Expanded.Layers.SelectMany(l => l.Objects)).Select(o => (Object: o, App: (string?)null)));
        foreach (var (app, _) in context.DistinctApps())
        {
            foreach (var source in app.Model.Sources)
            {
                foreach (var (p, i) in (source.Helm?.Parameters ?? []).Select((p, i) => (p, i)))
                {
                    if (LooksSecret(p.Name) && IsLiteral(p.Value))
                    {
                        yield return AppFindings.Create(FindingIds.Sec002,
                            $"Helm parameter {p.Name} of app {app.Name} is a secret written in the Application manifest (value not shown); anyone who can read the repo or the Application can read it.",
                            app.Manifest.LocationOf($"{source.Pointer}/helm/parameters/{i}/value"),
                            "Point the chart at an existing Secret (most charts have an existingSecret value) delivered by an ExternalSecret, a SealedSecret or SOPS.",
                            app.Name);
                    }
                }
            }

            foreach (var obj in app.Resources)
            {
                foreach (var (pointer, name) in EnvLiterals(obj.Body, string.Empty))
                {
                    if (seen.Add(obj.LocationOf(pointer)))
                    {
                        yield return AppFindings.Create(FindingIds.Sec002,
                            $"Env var {name} of {obj.Kind} {obj.Name} (app {app.Name}) is a secret written as a literal value in Git (value not shown).",
                            obj.LocationOf(pointer),
                            $"Read {name} from a Secret (valueFrom.secretKeyRef) delivered by an ExternalSecret, a SealedSecret or SOPS, and rotate the value.",
                            app.Name);
                    }
                }
            }
        }

        foreach (var (obj, app) in candidates)
        {
            if (obj.Group.Length != 0 || obj.Kind != "Secret")
            {
                continue;
            }

            foreach (var field in new[] { "data", "stringData" })
            {
                if (obj.Body[field] is JsonObject values && values.Count > 0 && seen.Add(obj.LocationOf("/" + field)))
                {
                    yield return AppFindings.Create(FindingIds.Sec001,
                        $"Secret {(obj.Namespace is null ? string.Empty : obj.Namespace + "/")}{obj.Name}{(app is null ? string.Empty : $" (app {app})")} carries {values.Count} value(s) in plain text under {field} in Git (values not shown).",
                        obj.LocationOf("/" + field),
                        "Remove the values from Git and rotate them; deliver the Secret through an ExternalSecret, a SealedSecret or SOPS.",
                        app);
                    break;
                }
            }
        }
    }

    private static readonly HashSet<string> SecretWords = new(StringComparer.Ordinal) { "PASSWORD", "PASSWD", "SECRET", "TOKEN", "APIKEY", "CREDENTIALS", "PASSPHRASE" };

    private static readonly HashSet<string> KeyQualifiers = new(StringComparer.Ordinal) { "API", "ACCESS", "PRIVATE", "SECRET", "ENCRYPTION", "SIGNING" };

    private static readonly HashSet<string> Pointers = new(StringComparer.Ordinal) { "FILE", "PATH", "REF", "NAME", "DIR", "ENABLED", "ENABLE", "LENGTH", "TTL", "EXPIRY", "URL", "HEADER" };

    /// <summary>
    /// True for names such as DB_PASSWORD, apiKey, HF_TOKEN, auth.secret (word by word, so MAX_TOKENS or TOKENIZER
    /// are not secrets), unless the last word says it names where a secret is (…_FILE, …_PATH, …SecretName).
    /// </summary>
    internal static bool LooksSecret(string name)
    {
        var words = System.Text.RegularExpressions.Regex.Replace(name, "([a-z0-9])([A-Z])", "$1_$2").ToUpperInvariant()
            .Split(['_', '-', '.'], StringSplitOptions.RemoveEmptyEntries);
        if (words.Length == 0 || Pointers.Contains(words[^1]))
        {
            return false;
        }

        for (var i = 0; i < words.Length; i++)
        {
            if (SecretWords.Contains(words[i]) || (words[i] == "KEY" && i > 0 && KeyQualifiers.Contains(words[i - 1])))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>A value that is really written out: not empty, not a $(VAR) / ${VAR} / {{ }} reference.</summary>
    internal static bool IsLiteral(string? value) =>
        !string.IsNullOrWhiteSpace(value) && value is not ("true" or "false") && !value.All(char.IsAsciiDigit) && !value.Contains("$(", StringComparison.Ordinal) && !value.Contains("${", StringComparison.Ordinal) &&
        !value.Contains("{{", StringComparison.Ordinal);

    /// <summary>Every <c>env</c> entry with a secret-looking name and a literal <c>value</c>, anywhere in <paramref name="node"/>.</summary>
    private static IEnumerable<(string Pointer, string Name)> EnvLiterals(JsonNode? node, string pointer)
    {
        switch (node)
        {
            case JsonObject o:
                foreach (var (key, value) in o)
                {
                    if (key == "env" && value is JsonArray env)
                    {
                        for (var i = 0; i < env.Count; i++)
                        {
                            if (env[i] is JsonObject e && e["name"] is JsonValue n && n.TryGetValue<string>(out var name) &&
                                e["value"] is JsonValue v && v.TryGetValue<string>(out var text) && LooksSecret(name) && IsLiteral(text))
                            {
                                yield return ($"{pointer}/env/{i}/value", name);
                            }
                        }
                    }
                    else if (value is JsonObject or JsonArray)
                    {
                        foreach (var hit in EnvLiterals(value, pointer + "/" + Loading.JsonPointer.Escape(key)))
                        {
                            yield return hit;
                        }
                    }
                }

                break;
            case JsonArray a:
                for (var i = 0; i < a.Count; i++)
                {
                    foreach (var hit in EnvLiterals(a[i], pointer + "/" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                    {
                        yield return hit;
                    }
                }

                break;
        }
    }
}
