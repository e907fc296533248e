using PlatformValidation.Validators.Live.Suites;

namespace PlatformValidation.Validators.Live.Checks;

/// <summary>
/// The live-check catalogue, the live counterpart of the static findings catalogue: every check a live run can
/// report, with a stable ID, the suite that records it, what a pass proves and the fix hint. A step's name is listed
/// too: a step that times out or throws is reported as a failed check under its own name. <c>docs/live-checks.md</c>
/// is rendered from this list (<see cref="LiveCheckCatalogDoc"/>).
/// </summary>
public static class LiveCheckCatalog
{
    /// <summary>The suite column of the checks the runner records for every suite.</summary>
    public const string AnySuite = "(every suite)";

    /// <summary>The suite column of the release check that closes every run.</summary>
    public const string ReleaseSuite = "release";

    /// <summary>Every descriptor, in catalogue order (the order a full run records them).</summary>
    public static IReadOnlyList<LiveCheckDescriptor> All { get; } =
    [
        new("LIVE-STATIC-001", LiveChecks.Analyze, SuiteKinds.Static, "The static analyzers ran for the profile (no cluster needed).", "Read the step's message: the repo or scenario could not be analyzed; run `validate` on the same scenario for the details."),
        new("LIVE-STATIC-002", LiveChecks.Findings, SuiteKinds.Static, "The static analyzers report no error finding for the profile.", "Fix each finding shown (ID, file and hint); the IDs are listed in the README (`validate`)."),

        new("LIVE-PROFILE-001", LiveChecks.ApplyProfile, SuiteKinds.ProfileMatrix, "The profile's root manifests were applied in time (as `make root` does).", "Read the step's message; raise `timeouts.apply` if the cluster is slow."),
        new("LIVE-PROFILE-002", LiveChecks.Apply, SuiteKinds.ProfileMatrix, "Every root manifest of the profile was accepted by the API server.", "Fix the manifest the message names (it failed validation or admission)."),
        new("LIVE-PROFILE-003", LiveChecks.WaitHealthy, SuiteKinds.ProfileMatrix, "Waiting for the profile's apps ended within the healthy timeout.", "See the apps-healthy results of the profile; raise `timeouts.healthy` if the apps are only slow."),
        new("LIVE-PROFILE-004", LiveChecks.AppsHealthy, SuiteKinds.ProfileMatrix, "Every auto-sync app of the profile exists and becomes Synced and Healthy (time to healthy recorded).", "Follow the cause in the message (missing dependency, failing resource, project denial) to the app's manifests."),
        new("LIVE-PROFILE-005", LiveChecks.GpuAtRest, SuiteKinds.ProfileMatrix, "Right after a bring-up no auto-sync app runs a workload that requests a GPU with replicas above zero.", "Make the app a manual-sync cost gate deployed at 0 replicas, or keep its replicas at 0 in Git."),
        new("LIVE-PROFILE-006", LiveChecks.OneOwner, SuiteKinds.ProfileMatrix, "No resource, above all no child Application, is listed by two Applications.", "Let exactly one app (or root) render the resource; remove it from the other."),
        new("LIVE-PROFILE-007", LiveChecks.Probes, SuiteKinds.ProfileMatrix, "Each probe the scenario declares for the profile answers its expected status (`make doctor`).", "Check the Service and path the probe names; fix the workload or the probe's expectation."),
        new("LIVE-PROFILE-008", LiveChecks.EnsureProfile, $"{SuiteKinds.Narrowing}, {SuiteKinds.CostGates}, {SuiteKinds.GroupToggle}", "The profile the suite starts from is applied and its apps are Synced and Healthy.", "Run the profile-matrix suite on that profile to see which app fails; raise `timeouts.healthy` if it is only slow."),

        new("LIVE-NARROW-001", LiveChecks.Snapshot, SuiteKinds.Narrowing, "The apps, resources and pods of the wide profile were recorded before narrowing.", "Read the step's message: the cluster could not be listed in time; raise `timeouts.sync`."),
        new("LIVE-NARROW-002", LiveChecks.ApplyNarrower, SuiteKinds.Narrowing, "The narrower profile was applied on top of the wide one and the cluster settled.", "Read the step's message; raise `timeouts.settle` if the cluster is slow."),
        new("LIVE-NARROW-003", LiveChecks.NoPrune, SuiteKinds.Narrowing, "Applying the narrower profile deletes, recreates or restarts nothing the wide profile runs.", "Make the narrower profile's roots a subset of the wider one's: no root may render fewer children under the same name."),
        new("LIVE-NARROW-004", LiveChecks.WiderLayersHealthy, SuiteKinds.Narrowing, "Every auto-sync app of the wide profile stays Synced and Healthy after narrowing.", "Follow the cause in the message to the app the narrower profile changed."),
        new("LIVE-NARROW-005", LiveChecks.TeardownLayer, SuiteKinds.Narrowing, "Deleting the layer's root(s) finished within the teardown timeout.", "Read the step's message; raise `timeouts.teardown` if finalizers are only slow."),
        new("LIVE-NARROW-006", LiveChecks.Teardown, SuiteKinds.Narrowing, "Deleting one layer's root removes exactly that layer's apps and their resources, and nothing else.", "Give every Application of the layer the resources finalizer, and keep other layers' objects out of it."),

        new("LIVE-GATE-001", LiveChecks.GateClosed, SuiteKinds.CostGates, "Each cost-gated app exists after the bring-up, is OutOfSync and deploys nothing.", "Let the layer root create the app with a manual sync policy and nothing deployed."),
        new("LIVE-GATE-002", LiveChecks.Sync, SuiteKinds.CostGates, "An explicit sync deploys the gated workload at its scaled-down replicas with no pods.", "Keep the workload's replicas in Git at the scale-down value (0)."),
        new("LIVE-GATE-003", LiveChecks.ScaleUp, SuiteKinds.CostGates, "Scaling the workload up (`make vllm-up`) gives Ready pods on GPU-shaped nodes.", "Check the workload's GPU request, node selector and tolerations against the GPU node."),
        new("LIVE-GATE-004", LiveChecks.RefreshKeepsReplicas, SuiteKinds.CostGates, "A hard refresh after scaling up leaves the app in sync and the replicas as scaled.", "Ignore /spec/replicas (ignoreDifferences) with the RespectIgnoreDifferences=true sync option."),
        new("LIVE-GATE-005", LiveChecks.Smoke, SuiteKinds.CostGates, "The smoke request with the key answers its expected status (200 with a chat completion by default).", "Check the model server, its Service and the key's Secret the scenario names."),
        new("LIVE-GATE-006", LiveChecks.SmokeUnauthenticated, SuiteKinds.CostGates, "The same smoke request without the key answers 401: the server enforces its API key.", "Configure the model server to require its API key (vLLM: --api-key)."),
        new("LIVE-GATE-007", LiveChecks.ScaleDown, SuiteKinds.CostGates, "Scaling back to the scale-down value leaves no pods.", "Scale the workload down by hand, then find what keeps pods alive (another controller, a PodDisruptionBudget)."),
        new("LIVE-GATE-008", LiveChecks.IdlePause, SuiteKinds.CostGates, "An idle-pause annotation set live survives a refresh (the manual app does not revert it).", "Remove self-heal or automated sync from the app so live edits stay."),

        new("LIVE-GROUP-001", LiveChecks.NoGroups, SuiteKinds.GroupToggle, "The scenario declares a groups file to toggle (skipped otherwise).", "Declare `groups:` in the scenario, or drop the group-toggle suite."),
        new("LIVE-GROUP-002", LiveChecks.DisableGroup, SuiteKinds.GroupToggle, "Disabling the group and waiting for the prune finished within the teardown timeout.", "Read the step's message; raise `timeouts.teardown` if the prune is only slow."),
        new("LIVE-GROUP-003", LiveChecks.GroupDisablePrunes, SuiteKinds.GroupToggle, "Disabling a group in the groups file prunes exactly that group's apps and their resources.", "Let the ApplicationSet prune what it generated, and keep other apps' objects out of the group."),
        new("LIVE-GROUP-004", LiveChecks.EnableGroup, SuiteKinds.GroupToggle, "Enabling the group again finished within the healthy timeout.", "Read the step's message; raise `timeouts.healthy` if the apps are only slow."),
        new("LIVE-GROUP-005", LiveChecks.GroupEnableRestores, SuiteKinds.GroupToggle, "Enabling the group again restores its apps Synced and Healthy.", "Follow the cause in the message to the group's apps."),
        new("LIVE-GROUP-006", LiveChecks.NoServedRepo, SuiteKinds.GroupToggle, "The substrate reads the platform repo from a remote the harness does not serve (kubeconfig): the toggle checks are skipped with that reason, never failed.", "Run group-toggle on the sim or k3s substrate, whose repo the harness serves."),

        new("LIVE-GPU-001", LiveChecks.Credentials, SuiteKinds.GpuSmoke, "A real GPU cluster, its API key, a GPU cost gate and a smoke request are given (skipped otherwise).", "Set the environment variables the message names, or declare the GPU cost gate and `smoke`."),
        new("LIVE-GPU-002", LiveChecks.GpuSmoke, SuiteKinds.GpuSmoke, "On the real GPU cluster the GPU app syncs, scales up, gets its GPU pod and answers the smoke before the cost guard fires.", "Read the message; raise the cost guard only if the GPU pod is slow to start."),
        new("LIVE-GPU-003", LiveChecks.GpuReleased, SuiteKinds.GpuSmoke, "After the GPU smoke the workload is back at its scale-down replicas.", "Scale the workload down by hand at once: it costs money while up."),

        new("LIVE-RUN-001", LiveChecks.SuiteStopped, AnySuite, "Recorded (skipped) when a step stops its suite: the remaining steps did not run.", "Fix the step the message names; the later steps run again next time."),
        new("LIVE-RUN-002", LiveChecks.Cleanup, AnySuite, "Every cleanup the suite registered (scale-down, groups file restore) succeeded.", "Undo by hand what the message names, then look at why the cleanup failed."),
        new("LIVE-RUN-003", LiveChecks.Released, ReleaseSuite, "At the end of every run each scalable cost-gated workload is at its scale-down replicas.", "The harness scaled it back; find the suite that left it up, or check it by hand if it could not be read."),
    ];

    private static readonly Dictionary<string, LiveCheckDescriptor> ByName = All.ToDictionary(d => d.Name, StringComparer.Ordinal);

    /// <summary>The descriptor of the check named <paramref name="name"/>, or null for a name outside the catalogue.</summary>
    public static LiveCheckDescriptor? Find(string name) => ByName.GetValueOrDefault(name);
}
