using System.Formats.Asn1;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace PlatformValidation.Validators.Templating;

/// <summary>Keys and X.509 certificates as Sprig's gen* functions write them (crypto.go getBaseCertTemplate, getCertAndKey, pemBlockForKey).</summary>
internal static class SprigCertificates
{
    private static readonly Oid ServerAuth = new("1.3.6.1.5.5.7.3.1");
    private static readonly Oid ClientAuth = new("1.3.6.1.5.5.7.3.2");
    private const string Ed25519Oid = "1.3.101.112";

    /// <summary>rsa (4096 bits, the default), dsa (2048/256), ecdsa (P-256), ed25519 — PEM as Go writes them.</summary>
    public static string GeneratePrivateKeyPem(string type)
    {
        switch (type)
        {
            case "" or "rsa":
            {
                using var rsa = RSA.Create(4096);
                return Pem("RSA PRIVATE KEY", rsa.ExportRSAPrivateKey());
            }

            case "dsa":
            {
                using var dsa = DSA.Create(2048);
                var p = dsa.ExportParameters(includePrivateParameters: true);
                var w = new AsnWriter(AsnEncodingRules.DER);
                using (w.PushSequence())
                {
                    w.WriteInteger(0);
                    foreach (var n in new[] { p.P!, p.Q!, p.G!, p.Y!, p.X! })
                    {
                        w.WriteIntegerUnsigned(n);
                    }
                }

                return Pem("DSA PRIVATE KEY", w.Encode());
            }

            case "ecdsa":
            {
                using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
                return Pem("EC PRIVATE KEY", ec.ExportECPrivateKey());
            }

            case "ed25519":
            {
                // PKCS#8 of an Ed25519 key is its 32-byte seed (RFC 8410).
                var w = new AsnWriter(AsnEncodingRules.DER);
                using (w.PushSequence())
                {
                    w.WriteInteger(0);
                    using (w.PushSequence())
                    {
                        w.WriteObjectIdentifier(Ed25519Oid);
                    }

                    var inner = new AsnWriter(AsnEncodingRules.DER);
                    inner.WriteOctetString(RandomNumberGenerator.GetBytes(32));
                    w.WriteOctetString(inner.Encode());
                }

                return Pem("PRIVATE KEY", w.Encode());
            }

            default:
                return "Unknown type " + type;
        }
    }

    /// <summary>buildCustomCert: a base64 PEM certificate and key, checked, as a certificate object.</summary>
    public static Dictionary<string, object?> BuildCustom(string b64Cert, string b64Key)
    {
        string cert, key;
        try
        {
            cert = Encoding.UTF8.GetString(Convert.FromBase64String(b64Cert));
        }
        catch (FormatException)
        {
            throw new GoTemplateException("unable to decode base64 certificate");
        }

        try
        {
            key = Encoding.UTF8.GetString(Convert.FromBase64String(b64Key));
        }
        catch (FormatException)
        {
            throw new GoTemplateException("unable to decode base64 private key");
        }

        ParseCertificate(cert);
        using (ParseKey(key, "error parsing private key"))
        {
        }

        return Certificate(cert, key);
    }

    public static Dictionary<string, object?> Ca(string cn, int days, string? keyPem)
    {
        using var key = keyPem is null ? RSA.Create(2048) : ParseKey(keyPem, "parsing private key");
        var request = Request(cn, key, null, null, isCa: true);
        using var cert = request.Create(request.SubjectName, Signer(key), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(days), Serial());
        return Certificate(Pem("CERTIFICATE", cert.RawData), KeyPem(key));
    }

    public static Dictionary<string, object?> SelfSigned(string cn, object? ips, object? dns, int days, string? keyPem)
    {
        using var key = keyPem is null ? RSA.Create(2048) : ParseKey(keyPem, "parsing private key");
        var request = Request(cn, key, ips, dns, isCa: false);
        using var cert = request.Create(request.SubjectName, Signer(key), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(days), Serial());
        return Certificate(Pem("CERTIFICATE", cert.RawData), KeyPem(key));
    }

    public static Dictionary<string, object?> Signed(string cn, object? ips, object? dns, int days, object? ca, string? keyPem)
    {
        if (ca is not IDictionary<string, object?> caObject || !caObject.TryGetValue("Cert", out var caCertPem) || !caObject.TryGetValue("Key", out var caKeyPem))
        {
            throw new GoTemplateException("the CA argument is not a certificate (use the result of genCA or buildCustomCert)");
        }

        using var signer = ParseCertificate(GoValues.ToStr(caCertPem));
        using var signerKey = ParseKey(GoValues.ToStr(caKeyPem), "error parsing private key");
        using var key = keyPem is null ? RSA.Create(2048) : ParseKey(keyPem, "parsing private key");
        var request = Request(cn, key, ips, dns, isCa: false);
        request.CertificateExtensions.Add(X509AuthorityKeyIdentifierExtension.CreateFromCertificate(signer, includeKeyIdentifier: true, includeIssuerAndSerial: false));
        using var cert = request.Create(signer.SubjectName, Signer(signerKey), DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(days), Serial());
        return Certificate(Pem("CERTIFICATE", cert.RawData), KeyPem(key));
    }

    private static Dictionary<string, object?> Certificate(string cert, string key) => new(StringComparer.Ordinal) { ["Cert"] = cert, ["Key"] = key };

    /// <summary>Sprig's base template: CN, IP and DNS SANs, key usage (plus CertSign for a CA), server and client auth.</summary>
    private static CertificateRequest Request(string cn, AsymmetricAlgorithm key, object? ips, object? dns, bool isCa)
    {
        var name = new X500DistinguishedNameBuilder();
        name.AddCommonName(cn);
        var request = new CertificateRequest(name.Build(), new PublicKey(key), HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(isCa, false, 0, true));
        var usage = X509KeyUsageFlags.KeyEncipherment | X509KeyUsageFlags.DigitalSignature | (isCa ? X509KeyUsageFlags.KeyCertSign : 0);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(usage, true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([ServerAuth, ClientAuth], false));
        var san = new SubjectAlternativeNameBuilder();
        var any = false;
        foreach (var d in Strings(dns, "error processing alternate dns name"))
        {
            san.AddDnsName(d);
            any = true;
        }

        foreach (var ip in Strings(ips, "error parsing ip"))
        {
            san.AddIpAddress(IPAddress.TryParse(ip, out var address) ? address : throw new GoTemplateException($"error parsing ip: {ip}"));
            any = true;
        }

        if (any)
        {
            request.CertificateExtensions.Add(san.Build());
        }

        if (isCa)
        {
            request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        }

        return request;
    }

    private static IEnumerable<string> Strings(object? list, string problem) => list is null
        ? []
        : GoValues.ToList(list).Select(v => v is string s ? s : throw new GoTemplateException($"{problem}: {GoValues.Print(v)} is not a string")).ToList();

    private static X509SignatureGenerator Signer(AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1),
        ECDsa ec => X509SignatureGenerator.CreateForECDsa(ec),
        _ => throw new GoTemplateException("error creating certificate: only RSA and ECDSA keys sign certificates here"),
    };

    /// <summary>A positive 128-bit serial number, as Sprig draws one below 2^128.</summary>
    private static byte[] Serial()
    {
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] = (byte)((serial[0] & 0x7F) | 0x01);
        return serial;
    }

    private static X509Certificate2 ParseCertificate(string pem)
    {
        try
        {
            return X509Certificate2.CreateFromPem(pem);
        }
        catch (CryptographicException ex)
        {
            throw new GoTemplateException($"error parsing certificate: {ex.Message}");
        }
    }

    /// <summary>RSA (PKCS#1), EC (SEC 1) and PKCS#8 RSA/EC keys; DSA and Ed25519 keys cannot sign certificates here.</summary>
    private static AsymmetricAlgorithm ParseKey(string pem, string context)
    {
        var label = pem.Contains("-----BEGIN ", StringComparison.Ordinal) ? pem[(pem.IndexOf("-----BEGIN ", StringComparison.Ordinal) + 11)..].Split("-----")[0] : null;
        try
        {
            switch (label)
            {
                case "RSA PRIVATE KEY":
                {
                    var rsa = RSA.Create();
                    rsa.ImportFromPem(pem);
                    return rsa;
                }

                case "EC PRIVATE KEY":
                {
                    var ec = ECDsa.Create();
                    ec.ImportFromPem(pem);
                    return ec;
                }

                case "PRIVATE KEY":
                    if (pem.Length > 0 && PemEncoding.TryFind(pem, out var fields) && IsEd25519(Convert.FromBase64String(pem[fields.Base64Data])))
                    {
                        throw new GoTemplateException($"{context}: Ed25519 keys cannot sign certificates here (no Ed25519 in .NET); use an rsa or ecdsa key");
                    }

                    try
                    {
                        var rsa = RSA.Create();
                        rsa.ImportFromPem(pem);
                        return rsa;
                    }
                    catch (CryptographicException)
                    {
                        var ec = ECDsa.Create();
                        ec.ImportFromPem(pem);
                        return ec;
                    }

                case null:
                    throw new GoTemplateException($"{context}: no PEM data in input");
                default:
                    throw new GoTemplateException(label.EndsWith(" PRIVATE KEY", StringComparison.Ordinal)
                        ? $"{context}: {label[..^12]} keys cannot sign certificates here; use an rsa or ecdsa key"
                        : $"{context}: no private key data in PEM block of type {label}");
            }
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            throw new GoTemplateException($"{context}: {ex.Message}");
        }
    }

    private static bool IsEd25519(byte[] pkcs8)
    {
        try
        {
            var reader = new AsnReader(pkcs8, AsnEncodingRules.DER).ReadSequence();
            reader.ReadInteger();
            return reader.ReadSequence().ReadObjectIdentifier() == Ed25519Oid;
        }
        catch (AsnContentException)
        {
            return false;
        }
    }

    private static string KeyPem(AsymmetricAlgorithm key) => key switch
    {
        RSA rsa => Pem("RSA PRIVATE KEY", rsa.ExportRSAPrivateKey()),
        ECDsa ec => Pem("EC PRIVATE KEY", ec.ExportECPrivateKey()),
        _ => Pem("PRIVATE KEY", key.ExportPkcs8PrivateKey()),
    };

    /// <summary>Go's pem.Encode: 64-character lines and a final newline.</summary>
    internal static string Pem(string label, byte[] der) => new string(PemEncoding.Write(label, der)) + "\n";
}
