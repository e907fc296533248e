namespace PlatformValidation.AppHost.Resources.GitServer;

/// <summary>
/// side-band-64k multiplexing (gitprotocol-pack, "side-band, side-band-64k"): each pkt-line carries a band byte, 1
/// for pack data, 2 for progress, 3 for a fatal error, then up to 65515 bytes.
/// </summary>
public static class SideBand
{
    private const int MaxData = PktLine.MaxLength - 5;

    public static async Task WriteAsync(Stream output, byte band, Stream data, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(data);
        var buffer = new byte[MaxData + 1];
        buffer[0] = band;
        int read;
        while ((read = await data.ReadAsync(buffer.AsMemory(1, MaxData), cancellationToken)) > 0)
        {
            await output.WriteAsync(PktLine.Encode(buffer.AsSpan(0, read + 1)), cancellationToken);
        }
    }

    public static async Task WriteAsync(Stream output, byte band, string text, CancellationToken cancellationToken)
    {
        using var data = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(text));
        await WriteAsync(output, band, data, cancellationToken);
    }
}
