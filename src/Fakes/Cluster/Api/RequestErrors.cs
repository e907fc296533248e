using System.Globalization;
using Microsoft.AspNetCore.Http;
using PlatformValidation.Fakes.Cluster.Json;

namespace PlatformValidation.Fakes.Cluster.Api;

/// <summary>Reading a request body within kube-apiserver's size limit, and turning transport failures into Status errors.</summary>
public static class RequestErrors
{
    /// <summary>
    /// kube-apiserver's answer to a body over the limit, whatever the transfer encoding
    /// (k8s.io/apiserver/pkg/endpoints/handlers/rest.go limitedReadBody: 413 "Request entity too large: limit is N").
    /// </summary>
    public static ApiException TooLarge() =>
        new(413, "RequestEntityTooLarge", "Request entity too large: limit is " + BodyDecoding.MaxBodyBytes.ToString(CultureInfo.InvariantCulture));

    /// <summary>
    /// The body, at most <see cref="BodyDecoding.MaxBodyBytes"/>: a declared Content-Length above the limit is refused
    /// before anything is read; a chunked body is counted as it arrives and refused once it passes the limit.
    /// </summary>
    public static async Task<MemoryStream> ReadBodyAsync(HttpContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (context.Request.ContentLength is > BodyDecoding.MaxBodyBytes)
        {
            throw TooLarge();
        }

        var buffer = new MemoryStream();
        try
        {
            var chunk = new byte[81920];
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                buffer.Write(chunk, 0, read);
                if (buffer.Length > BodyDecoding.MaxBodyBytes)
                {
                    throw TooLarge();
                }
            }
        }
        catch (BadHttpRequestException e)
        {
            await buffer.DisposeAsync();
            throw FromKestrel(e);
        }
        catch
        {
            await buffer.DisposeAsync();
            throw;
        }

        return buffer;
    }

    /// <summary>A body Kestrel refused, as the Status kube-apiserver would answer.</summary>
    public static ApiException FromKestrel(BadHttpRequestException e)
    {
        ArgumentNullException.ThrowIfNull(e);
        return e.StatusCode == StatusCodes.Status413PayloadTooLarge
            ? TooLarge()
            : StatusErrors.BadRequest("the request body could not be read: " + e.Message);
    }

    /// <summary>An unexpected exception on one line: type, message and the frame that threw it.</summary>
    public static string OneLine(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var frame = new System.Diagnostics.StackTrace(e, false).GetFrame(0)?.GetMethod();
        var where = frame is null ? string.Empty : $" (in {frame.DeclaringType?.Name}.{frame.Name})";
        return $"{e.GetType().Name}: {Truncate(e.Message.ReplaceLineEndings(" "), 300)}{where}";
    }

    public static string Truncate(string text, int max)
    {
        ArgumentNullException.ThrowIfNull(text);
        return text.Length <= max ? text : text[..max] + "…";
    }
}
