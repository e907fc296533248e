using System.Formats.Tar;
using System.IO.Compression;
using System.Text;

namespace PlatformValidation.Validators.Tests.Rendering.Helm;

/// <summary>Builds chart archives in the layout `helm package` writes (NAME/… inside a gzipped tar).</summary>
internal static class ChartArchives
{
    public static byte[] Build(string name, params (string Path, string Text)[] files)
    {
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
        using (var tar = new TarWriter(gzip, TarEntryFormat.Pax, leaveOpen: true))
        {
            foreach (var (path, text) in files)
            {
                var entry = new PaxTarEntry(TarEntryType.RegularFile, name + "/" + path) { DataStream = new MemoryStream(Encoding.UTF8.GetBytes(text)) };
                tar.WriteEntry(entry);
            }
        }

        return buffer.ToArray();
    }
}
