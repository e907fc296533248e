using System.Text.Json.Nodes;
using PlatformValidation.Fakes.ArgoCd.Model;

namespace PlatformValidation.Fakes.ArgoCd.Sync;

/// <summary>
/// Orders sync tasks as gitops-engine does [ge/sync/sync_tasks.go Less/Sort/adjustDeps; ge/sync/sync_context.go]:
/// phase → wave → kind order → name; then a Namespace is bubbled in front of the first task in it and a CRD in
/// front of the first custom resource of its group/kind (adopting that task's phase and wave). Prune tasks get
/// mirrored waves, and PruneLast moves them after the last Sync wave.
/// </summary>
public static class SyncTaskOrdering
{
    public static int Compare(SyncTask a, SyncTask b)
    {
        var d = ((int)a.Phase).CompareTo((int)b.Phase);
        if (d != 0)
        {
            return d;
        }

        d = a.Wave.CompareTo(b.Wave);
        if (d != 0)
        {
            return d;
        }

        d = KindOrder.Of(a.Kind).CompareTo(KindOrder.Of(b.Kind));
        return d != 0 ? d : string.CompareOrdinal(a.Name, b.Name);
    }

    /// <summary>Sorts in place (stable) and bubbles dependencies.</summary>
    public static void Sort(List<SyncTask> tasks)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var sorted = tasks.Select((t, i) => (t, i)).OrderBy(x => x.t, Comparer<SyncTask>.Create(Compare)).ThenBy(x => x.i).Select(x => x.t).ToList();
        tasks.Clear();
        tasks.AddRange(sorted);

        AdjustDeps(
            tasks,
            t => ResourceKey.Of(t) is { Kind: "Namespace", Group.Length: 0 } k ? k.Name : null,
            t => Json.Str(t, "metadata.namespace") is { Length: > 0 } ns ? ns : null);
        AdjustDeps(
            tasks,
            t => ResourceKey.Of(t).Kind == "CustomResourceDefinition" && Json.Str(t, "spec.group") is { } g && Json.Str(t, "spec.names.kind") is { } k ? $"{g}/{k}" : null,
            t => ResourceKey.Of(t) is var k ? $"{k.Group}/{k.Kind}" : null);
    }

    private static void AdjustDeps(List<SyncTask> tasks, Func<JsonObject, string?> isDep, Func<JsonObject, string?> refersTo)
    {
        var firstIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < tasks.Count; i++)
        {
            var t = tasks[i];
            if (t.Target is null)
            {
                continue;
            }

            if (isDep(t.Target) is { } depKey)
            {
                if (firstIndex.TryGetValue(depKey, out var index))
                {
                    t.WaveOverride = tasks[index].Wave;
                    t.Phase = tasks[index].Phase;
                    tasks.RemoveAt(i);
                    tasks.Insert(index, t);
                    foreach (var k in firstIndex.Keys.ToList())
                    {
                        if (firstIndex[k] >= index)
                        {
                            firstIndex[k]++;
                        }
                    }
                }
            }
            else if (refersTo(t.Target) is { } refKey)
            {
                firstIndex.TryAdd(refKey, i);
            }
        }
    }

    /// <summary>Reverses prune waves (symmetric swap) and applies PruneLast [ge/sync/sync_context.go getSyncTasks].</summary>
    public static void AdjustPruneWaves(List<SyncTask> tasks, bool pruneLast)
    {
        ArgumentNullException.ThrowIfNull(tasks);
        var pruneByWave = tasks.Where(t => t.IsPrune).GroupBy(t => t.Wave).ToDictionary(g => g.Key, g => g.ToList());
        var waves = pruneByWave.Keys.Order().ToList();
        for (var i = 0; i < waves.Count / 2; i++)
        {
            var start = waves[i];
            var end = waves[waves.Count - 1 - i];
            foreach (var t in pruneByWave[start])
            {
                t.WaveOverride = end;
            }

            foreach (var t in pruneByWave[end])
            {
                t.WaveOverride = start;
            }
        }

        var lastSyncWave = 0;
        foreach (var t in tasks.Where(t => t.Phase == SyncPhase.Sync))
        {
            lastSyncWave = Math.Max(lastSyncWave, t.Wave);
        }

        lastSyncWave++;
        foreach (var t in tasks.Where(t => t.IsPrune && (pruneLast || SyncAnnotations.Options(t.Live).IsTrue("PruneLast"))))
        {
            t.WaveOverride = lastSyncWave;
        }
    }

    /// <summary>More than one distinct phase/wave among the tasks (health gating applies only then).</summary>
    public static bool MultiStep(IReadOnlyList<SyncTask> tasks) =>
        tasks.Count > 0 && (tasks[0].Wave != tasks[^1].Wave || tasks[0].Phase != tasks[^1].Phase);
}
