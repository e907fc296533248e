using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Health.Conformance;
using PlatformValidation.Fakes.Cluster.Patching;

namespace PlatformValidation.AppHost.Cli;

/// <summary>
/// <c>conformance</c>: runs upstream projects' own test data, where it lies, through the simulated Argo CD and cluster
/// (docs/conformance.md). <c>argocd-health DIR</c>: Argo CD's resource_customizations health tests;
/// <c>json-patch FILE…</c>: the JSON Patch test suite. Exit 0 all passed, 1 some failed, 2 could not run.
/// </summary>
public static class ConformanceCommand
{
    public static Command Create()
    {
        var command = new Command("conformance", "Run upstream test suites (Argo CD health tests, JSON Patch tests) against the simulated Argo CD and cluster.");
        command.Subcommands.Add(ArgoCdHealth());
        command.Subcommands.Add(JsonPatchSuite());
        return command;
    }

    private static Option<string> FormatOption() => new("--format")
    {
        Description = "Report format: text (default) or json.",
        DefaultValueFactory = _ => "text",
    };

    private static Command ArgoCdHealth()
    {
        var dir = new Argument<string>("DIR") { Description = "An argo-cd checkout (or its resource_customizations folder)." };
        var format = FormatOption();
        var command = new Command("argocd-health", "Evaluate every <group>/<Kind>/health_test.yaml of an argo-cd checkout with the simulated Argo CD's Lua health.") { dir, format };
        command.SetAction(async (parse, token) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (!TryFormat(parse.GetValue(format), out var json))
            {
                await error.WriteLineAsync("error: --format must be text or json.");
                return CommandCatalog.CouldNotRun;
            }

            IReadOnlyList<HealthKindResult> results;
            try
            {
                results = await Task.Run(() => HealthConformance.Run(parse.GetValue(dir)!), token);
            }
            catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException)
            {
                await error.WriteLineAsync($"error: {e.Message}");
                return CommandCatalog.CouldNotRun;
            }

            var cases = results.Sum(r => r.Cases.Count);
            var passed = results.Sum(r => r.Passed);
            if (json)
            {
                var report = new JsonObject
                {
                    ["suite"] = "argocd-health",
                    ["passed"] = passed,
                    ["total"] = cases,
                    ["kinds"] = new JsonArray(results.Select(r => (JsonNode)new JsonObject
                    {
                        ["kind"] = r.Kind,
                        ["passed"] = r.Passed,
                        ["total"] = r.Cases.Count,
                        ["error"] = r.Error,
                        ["failures"] = new JsonArray(r.Cases.Where(c => !c.Passed).Select(c => (JsonNode)new JsonObject
                        {
                            ["input"] = c.Input,
                            ["expected"] = new JsonObject { ["status"] = c.ExpectedStatus, ["message"] = c.ExpectedMessage },
                            ["actual"] = new JsonObject { ["status"] = c.ActualStatus, ["message"] = c.ActualMessage },
                        }).ToArray()),
                    }).ToArray()),
                };
                await output.WriteLineAsync(report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                foreach (var r in results)
                {
                    await output.WriteLineAsync($"{(r.AllPassed ? "pass" : "FAIL"),-5} {r.Kind} ({r.Passed}/{r.Cases.Count}){(r.Error is null ? string.Empty : ": " + r.Error)}");
                    foreach (var c in r.Cases.Where(c => !c.Passed))
                    {
                        await output.WriteLineAsync($"        {c.Input}: expected {c.ExpectedStatus} \"{c.ExpectedMessage}\", got {c.ActualStatus} \"{c.ActualMessage}\"");
                    }
                }

                await output.WriteLineAsync($"argocd-health: {passed}/{cases} cases passed in {results.Count} kinds ({results.Count(r => r.AllPassed)} kinds fully passing)");
            }

            return passed == cases && results.All(r => r.Error is null) ? CommandCatalog.Passed : CommandCatalog.ChecksFailed;
        });
        return command;
    }

    private static Command JsonPatchSuite()
    {
        var files = new Argument<string[]>("FILE") { Description = "JSON Patch test suite files (tests.json, spec_tests.json).", Arity = ArgumentArity.OneOrMore };
        var format = FormatOption();
        var command = new Command("json-patch", "Run JSON Patch test suite files through the simulated cluster's RFC 6902 implementation.") { files, format };
        command.SetAction(async (parse, token) =>
        {
            var output = parse.InvocationConfiguration.Output;
            var error = parse.InvocationConfiguration.Error;
            if (!TryFormat(parse.GetValue(format), out var json))
            {
                await error.WriteLineAsync("error: --format must be text or json.");
                return CommandCatalog.CouldNotRun;
            }

            var results = new List<JsonPatchCase>();
            foreach (var file in parse.GetValue(files)!)
            {
                if (!File.Exists(file))
                {
                    await error.WriteLineAsync($"error: {file} does not exist: pass tests.json or spec_tests.json of a json-patch-tests checkout.");
                    return CommandCatalog.CouldNotRun;
                }

                try
                {
                    results.AddRange(await Task.Run(() => JsonPatchConformance.Run(file), token));
                }
                catch (Exception e) when (e is InvalidDataException or IOException or UnauthorizedAccessException)
                {
                    await error.WriteLineAsync($"error: {e.Message}");
                    return CommandCatalog.CouldNotRun;
                }
            }

            var counted = results.Where(r => !r.Disabled).ToList();
            var passed = counted.Count(r => r.Passed);
            if (json)
            {
                var report = new JsonObject
                {
                    ["suite"] = "json-patch",
                    ["passed"] = passed,
                    ["total"] = counted.Count,
                    ["disabled"] = results.Count - counted.Count,
                    ["failures"] = new JsonArray(counted.Where(r => !r.Passed).Select(r => (JsonNode)new JsonObject
                    {
                        ["file"] = r.File,
                        ["index"] = r.Index,
                        ["comment"] = r.Comment,
                        ["detail"] = r.Detail,
                    }).ToArray()),
                };
                await output.WriteLineAsync(report.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            }
            else
            {
                foreach (var group in results.GroupBy(r => r.File))
                {
                    var live = group.Where(r => !r.Disabled).ToList();
                    await output.WriteLineAsync($"{(live.All(r => r.Passed) ? "pass" : "FAIL"),-5} {group.Key} ({live.Count(r => r.Passed)}/{live.Count}, {group.Count() - live.Count} disabled)");
                    foreach (var r in live.Where(r => !r.Passed))
                    {
                        await output.WriteLineAsync($"        #{r.Index} {r.Comment}: {r.Detail}");
                    }
                }

                await output.WriteLineAsync($"json-patch: {passed}/{counted.Count} cases passed ({results.Count - counted.Count} disabled by the suite)");
            }

            return passed == counted.Count ? CommandCatalog.Passed : CommandCatalog.ChecksFailed;
        });
        return command;
    }

    private static bool TryFormat(string? value, out bool json)
    {
        json = value == "json";
        return value is "text" or "json";
    }
}
