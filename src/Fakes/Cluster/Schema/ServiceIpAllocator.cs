using System.Globalization;

namespace PlatformValidation.Fakes.Cluster.Schema;

/// <summary>Hands out ClusterIPs from k3s's default service range 10.43.0.0/16 (10.43.0.1 is the kubernetes Service, .10 is DNS).</summary>
public sealed class ServiceIpAllocator
{
    private readonly HashSet<string> used = new(StringComparer.Ordinal) { "10.43.0.1", "10.43.0.10" };
    private int next = 2;

    public string Allocate()
    {
        lock (used)
        {
            while (true)
            {
                var n = next++;
                var ip = string.Create(CultureInfo.InvariantCulture, $"10.43.{(n >> 8) & 0xff}.{n & 0xff}");
                if ((n & 0xff) != 0 && used.Add(ip))
                {
                    return ip;
                }
            }
        }
    }

    /// <summary>Marks a requested IP as used; false when it is taken already.</summary>
    public bool Reserve(string ip)
    {
        lock (used)
        {
            return used.Add(ip);
        }
    }

    public void Release(string ip)
    {
        lock (used)
        {
            used.Remove(ip);
        }
    }
}
