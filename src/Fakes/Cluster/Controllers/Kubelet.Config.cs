using System.Text;
using System.Text.Json.Nodes;
using PlatformValidation.Fakes.Cluster.Json;

namespace PlatformValidation.Fakes.Cluster.Controllers;

/// <summary>What the kubelet needs before a container can start: volumes' Secrets/ConfigMaps/PVCs and the resolved environment.</summary>
public sealed partial class Kubelet
{
    /// <summary>The first missing non-optional Secret/ConfigMap/PVC a volume needs, as the FailedMount message, or null.</summary>
    private string? Volumes(JsonObject pod)
    {
        var ns = pod.Namespace();
        foreach (var v in pod.Arr("spec", "volumes")?.OfType<JsonObject>() ?? [])
        {
            var name = v.Str("name");
            if (v.Obj("secret") is { } s && s.Bool("optional") != true && Core.Objects.Get(Secrets, ns, s.Str("secretName") ?? string.Empty) is null)
            {
                return $"MountVolume.SetUp failed for volume \"{name}\" : secret \"{s.Str("secretName")}\" not found";
            }

            if (v.Obj("configMap") is { } cm && cm.Bool("optional") != true && Core.Objects.Get(ConfigMaps, ns, cm.Str("name") ?? string.Empty) is null)
            {
                return $"MountVolume.SetUp failed for volume \"{name}\" : configmap \"{cm.Str("name")}\" not found";
            }

            if (v.Obj("persistentVolumeClaim") is { } pvc)
            {
                var claim = Core.Objects.Get(Pvcs, ns, pvc.Str("claimName") ?? string.Empty);
                if (claim is null)
                {
                    return $"persistentvolumeclaim \"{pvc.Str("claimName")}\" not found";
                }

                if (claim.Str("status", "phase") != "Bound")
                {
                    return $"persistentvolumeclaim \"{pvc.Str("claimName")}\" is not bound";
                }
            }

            foreach (var source in v.Arr("projected", "sources")?.OfType<JsonObject>() ?? [])
            {
                if (source.Obj("secret") is { } ps && ps.Bool("optional") != true && Core.Objects.Get(Secrets, ns, ps.Str("name") ?? string.Empty) is null)
                {
                    return $"MountVolume.SetUp failed for volume \"{name}\" : secret \"{ps.Str("name")}\" not found";
                }

                if (source.Obj("configMap") is { } pc && pc.Bool("optional") != true && Core.Objects.Get(ConfigMaps, ns, pc.Str("name") ?? string.Empty) is null)
                {
                    return $"MountVolume.SetUp failed for volume \"{name}\" : configmap \"{pc.Str("name")}\" not found";
                }
            }
        }

        return null;
    }

    /// <summary>The container's environment with Secret/ConfigMap references resolved, or the error the kubelet reports.</summary>
    private (IReadOnlyDictionary<string, string> Env, string? Error) ResolveEnv(JsonObject pod, JsonObject container)
    {
        var ns = pod.Namespace();
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var from in container.Arr("envFrom")?.OfType<JsonObject>() ?? [])
        {
            var prefix = from.Str("prefix") ?? string.Empty;
            if (from.Obj("secretRef") is { } sr)
            {
                var secret = Core.Objects.Get(Secrets, ns, sr.Str("name") ?? string.Empty);
                if (secret is null)
                {
                    if (sr.Bool("optional") == true)
                    {
                        continue;
                    }

                    return (env, $"secret \"{sr.Str("name")}\" not found");
                }

                foreach (var (k, v) in secret.Obj("data") ?? [])
                {
                    env[prefix + k] = Decode(v?.ToString());
                }
            }

            if (from.Obj("configMapRef") is { } cr)
            {
                var cm = Core.Objects.Get(ConfigMaps, ns, cr.Str("name") ?? string.Empty);
                if (cm is null)
                {
                    if (cr.Bool("optional") == true)
                    {
                        continue;
                    }

                    return (env, $"configmap \"{cr.Str("name")}\" not found");
                }

                foreach (var (k, v) in cm.Obj("data") ?? [])
                {
                    env[prefix + k] = v?.ToString() ?? string.Empty;
                }
            }
        }

        foreach (var e in container.Arr("env")?.OfType<JsonObject>() ?? [])
        {
            var name = e.Str("name") ?? string.Empty;
            if (e.Str("value") is { } value)
            {
                env[name] = value;
                continue;
            }

            if (e.Obj("valueFrom", "secretKeyRef") is { } sk)
            {
                var secret = Core.Objects.Get(Secrets, ns, sk.Str("name") ?? string.Empty);
                if (secret is null)
                {
                    if (sk.Bool("optional") == true)
                    {
                        continue;
                    }

                    return (env, $"secret \"{sk.Str("name")}\" not found");
                }

                if (secret.Obj("data")?[sk.Str("key") ?? string.Empty] is not { } data)
                {
                    if (sk.Bool("optional") == true)
                    {
                        continue;
                    }

                    return (env, $"couldn't find key {sk.Str("key")} in Secret {ns}/{sk.Str("name")}");
                }

                env[name] = Decode(data.ToString());
            }
            else if (e.Obj("valueFrom", "configMapKeyRef") is { } ck)
            {
                var cm = Core.Objects.Get(ConfigMaps, ns, ck.Str("name") ?? string.Empty);
                if (cm is null)
                {
                    if (ck.Bool("optional") == true)
                    {
                        continue;
                    }

                    return (env, $"configmap \"{ck.Str("name")}\" not found");
                }

                if (cm.Obj("data")?[ck.Str("key") ?? string.Empty] is not { } data)
                {
                    if (ck.Bool("optional") == true)
                    {
                        continue;
                    }

                    return (env, $"couldn't find key {ck.Str("key")} in ConfigMap {ns}/{ck.Str("name")}");
                }

                env[name] = data.ToString();
            }
            else if (e.Obj("valueFrom", "fieldRef") is { } fr)
            {
                env[name] = fr.Str("fieldPath") switch
                {
                    "metadata.name" => pod.Name(),
                    "metadata.namespace" => ns ?? string.Empty,
                    "spec.nodeName" => pod.Str("spec", "nodeName") ?? string.Empty,
                    "status.podIP" => pod.Str("status", "podIP") ?? string.Empty,
                    _ => string.Empty,
                };
            }
        }

        return (env, null);
    }

    private static string Decode(string? base64)
    {
        try
        {
            return Encoding.UTF8.GetString(Convert.FromBase64String(base64 ?? string.Empty));
        }
        catch (FormatException)
        {
            return string.Empty;
        }
    }
}
