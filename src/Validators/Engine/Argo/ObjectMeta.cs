using System.Globalization;

namespace PlatformValidation.Validators.Argo;

/// <summary>The metadata fields of an Argo CD object that the harness reads.</summary>
public sealed record ObjectMeta(
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Annotations,
    IReadOnlyList<string> Finalizers)
{
    /// <summary>Annotation that orders sync within an app [ARGOCD-SEMANTICS §4.2].</summary>
    public const string SyncWaveAnnotation = "argocd.argoproj.io/sync-wave";

    /// <summary>No labels, annotations or finalizers.</summary>
    public static ObjectMeta Empty { get; } = new(new Dictionary<string, string>(), new Dictionary<string, string>(), []);

    /// <summary>The sync wave: the annotation as an integer, else 0 [ge/sync/syncwaves/waves.go].</summary>
    public int SyncWave =>
        Annotations.TryGetValue(SyncWaveAnnotation, out var s) && int.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var w) ? w : 0;
}
