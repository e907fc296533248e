using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace PlatformValidation.Fakes.Cluster.Api.Protobuf;

/// <summary>
/// Decodes the Kubernetes protobuf envelope (<c>k8s\0</c> + runtime.Unknown) of a request body into the JSON object it
/// stands for, for the kinds in <see cref="ProtoMessages"/>. Anything it cannot map exactly is refused (415) with a
/// message saying to send JSON, so nothing is silently dropped.
/// </summary>
public static class ProtobufBody
{
    private static readonly byte[] Magic = [0x6b, 0x38, 0x73, 0x00];

    public static JsonObject Decode(ReadOnlySpan<byte> body)
    {
        if (body.Length < 4 || !body[..4].SequenceEqual(Magic))
        {
            throw Unsupported("the body does not start with the Kubernetes protobuf envelope");
        }

        var reader = new Reader(body[4..].ToArray());
        string? apiVersion = null;
        string? kind = null;
        byte[]? raw = null;
        while (!reader.End)
        {
            var (field, wire) = reader.Tag();
            switch (field)
            {
                case 1:
                    var typeMeta = new Reader(reader.Bytes());
                    while (!typeMeta.End)
                    {
                        var (f, w) = typeMeta.Tag();
                        if (f == 1)
                        {
                            apiVersion = typeMeta.String();
                        }
                        else if (f == 2)
                        {
                            kind = typeMeta.String();
                        }
                        else
                        {
                            typeMeta.Skip(w);
                        }
                    }

                    break;
                case 2:
                    raw = reader.Bytes();
                    break;
                default:
                    reader.Skip(wire);
                    break;
            }
        }

        if (kind is null || raw is null || !ProtoMessages.All.ContainsKey(kind))
        {
            throw Unsupported($"protobuf bodies of kind {kind ?? "(none)"} are not supported");
        }

        var obj = new JsonObject { ["apiVersion"] = apiVersion, ["kind"] = kind };
        DecodeMessage(new Reader(raw), kind, obj, topLevel: true);
        return obj;
    }

    // Go's protobuf encoding writes value-typed fields even when zero; JSON omits them, so do the same here.
    private static readonly HashSet<string> OmitZero = new(StringComparer.Ordinal)
    {
        "hostPort", "nodePort", "minReadySeconds", "generation", "timeoutSeconds", "periodSeconds", "successThreshold", "failureThreshold",
        "initialDelaySeconds", "hostNetwork", "hostPID", "hostIPC", "stdin", "stdinOnce", "tty", "readOnly", "paused", "globalDefault",
        "publishNotReadyAddresses", "healthCheckNodePort", "number",
    };

    private static void DecodeMessage(Reader reader, string message, JsonObject target, bool topLevel = false)
    {
        var fields = ProtoMessages.All[message];
        while (!reader.End)
        {
            var (number, wire) = reader.Tag();
            if (!fields.TryGetValue(number, out var unknown))
            {
                // Zero values and a top-level status (ignored on create anyway) carry nothing; anything else would be lost.
                var empty = wire switch
                {
                    0 => reader.Varint() == 0,
                    2 => reader.Bytes().Length == 0 || (topLevel && number == 3),
                    _ => false,
                };
                if (!empty)
                {
                    throw Unsupported($"field {number} of {message} is not supported in protobuf bodies");
                }

                continue;
            }

            var field = unknown;
            switch (field.Kind)
            {
                case ProtoKind.String:
                    var text = reader.String();
                    if (text.Length > 0)
                    {
                        target[field.Name] = text;
                    }

                    break;
                case ProtoKind.Bytes:
                    target[field.Name] = Convert.ToBase64String(reader.Bytes());
                    break;
                case ProtoKind.Int:
                    var number64 = (long)reader.Varint();
                    if (number64 != 0 || !OmitZero.Contains(field.Name))
                    {
                        target[field.Name] = number64;
                    }

                    break;
                case ProtoKind.Bool:
                    var flag = reader.Varint() != 0;
                    if (flag || !OmitZero.Contains(field.Name))
                    {
                        target[field.Name] = flag;
                    }

                    break;
                case ProtoKind.Message when field.Message == ProtoMessages.Ignored:
                    reader.Bytes();
                    break;
                case ProtoKind.Message when field.Name == "*":
                    DecodeMessage(new Reader(reader.Bytes()), field.Message!, target);
                    break;
                case ProtoKind.Message:
                    var child = target[field.Name] as JsonObject ?? new JsonObject();
                    DecodeMessage(new Reader(reader.Bytes()), field.Message!, child);
                    target[field.Name] = child;
                    break;
                case ProtoKind.RepeatedMessage:
                    var item = new JsonObject();
                    DecodeMessage(new Reader(reader.Bytes()), field.Message!, item);
                    List(target, field.Name).Add(item);
                    break;
                case ProtoKind.RepeatedString:
                    List(target, field.Name).Add(reader.String());
                    break;
                case ProtoKind.MapStringString or ProtoKind.MapStringBytes or ProtoKind.MapStringQuantity:
                    var (key, value) = Entry(new Reader(reader.Bytes()), field.Kind);
                    var map = target[field.Name] as JsonObject ?? new JsonObject();
                    map[key] = value;
                    target[field.Name] = map;
                    break;
                case ProtoKind.Time:
                    target[field.Name] = Time(new Reader(reader.Bytes()));
                    break;
                case ProtoKind.IntOrString:
                    target[field.Name] = IntOrString(new Reader(reader.Bytes()));
                    break;
                case ProtoKind.Quantity:
                    target[field.Name] = QuantityString(new Reader(reader.Bytes()));
                    break;
            }
        }
    }

    private static JsonArray List(JsonObject target, string name)
    {
        if (target[name] is JsonArray a)
        {
            return a;
        }

        var created = new JsonArray();
        target[name] = created;
        return created;
    }

    private static (string Key, JsonNode? Value) Entry(Reader reader, ProtoKind kind)
    {
        var key = string.Empty;
        JsonNode? value = kind == ProtoKind.MapStringBytes ? string.Empty : kind == ProtoKind.MapStringQuantity ? "0" : string.Empty;
        while (!reader.End)
        {
            var (f, w) = reader.Tag();
            if (f == 1)
            {
                key = reader.String();
            }
            else if (f == 2)
            {
                value = kind switch
                {
                    ProtoKind.MapStringBytes => Convert.ToBase64String(reader.Bytes()),
                    ProtoKind.MapStringQuantity => QuantityString(new Reader(reader.Bytes())),
                    _ => reader.String(),
                };
            }
            else
            {
                reader.Skip(w);
            }
        }

        return (key, value);
    }

    private static string QuantityString(Reader reader)
    {
        var s = "0";
        while (!reader.End)
        {
            var (f, w) = reader.Tag();
            if (f == 1)
            {
                s = reader.String();
            }
            else
            {
                reader.Skip(w);
            }
        }

        return s;
    }

    private static JsonNode IntOrString(Reader reader)
    {
        long type = 0;
        long intVal = 0;
        var strVal = string.Empty;
        while (!reader.End)
        {
            var (f, w) = reader.Tag();
            switch (f)
            {
                case 1:
                    type = (long)reader.Varint();
                    break;
                case 2:
                    intVal = (long)reader.Varint();
                    break;
                case 3:
                    strVal = reader.String();
                    break;
                default:
                    reader.Skip(w);
                    break;
            }
        }

        return type == 1 ? JsonValue.Create(strVal) : JsonValue.Create(intVal);
    }

    private static string Time(Reader reader)
    {
        long seconds = 0;
        while (!reader.End)
        {
            var (f, w) = reader.Tag();
            if (f == 1)
            {
                seconds = (long)reader.Varint();
            }
            else
            {
                reader.Skip(w);
            }
        }

        return DateTimeOffset.FromUnixTimeSeconds(seconds).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }

    private static ApiException Unsupported(string why) => new(415, "UnsupportedMediaType", $"{why}; the simulated API server decodes protobuf only for the kinds kubectl's generators send — send JSON or YAML instead (kubectl apply -f, or kubectl create … --dry-run=client -o yaml | kubectl apply -f -)");

    private sealed class Reader
    {
        private readonly byte[] data;
        private int position;

        public Reader(byte[] data) => this.data = data;

        public bool End => position >= data.Length;

        public (int Field, int Wire) Tag()
        {
            var tag = Varint();
            return ((int)(tag >> 3), (int)(tag & 7));
        }

        public ulong Varint()
        {
            ulong result = 0;
            var shift = 0;
            while (true)
            {
                if (position >= data.Length || shift > 63)
                {
                    throw Unsupported("truncated protobuf varint");
                }

                var b = data[position++];
                result |= (ulong)(b & 0x7f) << shift;
                if ((b & 0x80) == 0)
                {
                    return result;
                }

                shift += 7;
            }
        }

        public byte[] Bytes()
        {
            var length = (int)Varint();
            if (length < 0 || position + length > data.Length)
            {
                throw Unsupported("truncated protobuf field");
            }

            var slice = data.AsSpan(position, length).ToArray();
            position += length;
            return slice;
        }

        public string String() => Encoding.UTF8.GetString(Bytes());

        public void Skip(int wire)
        {
            switch (wire)
            {
                case 0:
                    Varint();
                    break;
                case 1:
                    position += 8;
                    break;
                case 2:
                    Bytes();
                    break;
                case 5:
                    position += 4;
                    break;
                default:
                    throw Unsupported($"protobuf wire type {wire}");
            }
        }
    }
}
