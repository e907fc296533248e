using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using PlatformValidation.Validators.Templating;

namespace PlatformValidation.Validators.Tests.Templating;

/// <summary>
/// Sprig's hash, encoding and crypto functions, checked against the expectations of Sprig's own tests
/// (crypto_test.go, strings_test.go) where they are deterministic, and by parsing what the generators write.
/// </summary>
public class SprigCryptoTests
{
    private static string Render(string text)
    {
        var set = HelmFunctions.NewSet();
        set.Parse("c/templates/t.yaml", text);
        return set.Execute("c/templates/t.yaml", new Dictionary<string, object?>());
    }

    [TestCase("{{\"abc\" | sha512sum}}", "ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f")]
    [TestCase("{{\"abc\" | sha256sum}}", "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")]
    [TestCase("{{\"abc\" | sha1sum}}", "a9993e364706816aba3e25717850c26c9cd0d89d")]
    [TestCase("{{\"abc\" | adler32sum}}", "38600999")]
    [TestCase("{{b64enc \"coffee\"}}", "Y29mZmVl")]
    [TestCase("{{b64dec \"Y29mZmVl\"}}", "coffee")]
    [TestCase("{{b32enc \"coffee\"}}", "MNXWMZTFMU======")]
    [TestCase("{{b32dec \"MNXWMZTFMU======\"}}", "coffee")]
    [TestCase("{{b32dec \"MNXW\"}}", "illegal base32 data at input byte 0")]
    [TestCase("{{\"plaintext\" | encryptAES \"secretkey\" | decryptAES \"secretkey\"}}", "plaintext")]
    [TestCase("{{ encryptAES \"k\" \"\" }}", "")]
    public void MatchesSprigByteForByte(string template, string expected) =>
        Assert.That(Render(template), Is.EqualTo(expected));

    [TestCase(1u, "long", "ZedaFaxcZaso9*")]
    [TestCase(2u, "long", "Fovi2@JifpTupx")]
    [TestCase(1u, "maximum", "pf4zS1LjCg&LjhsZ7T2~")]
    [TestCase(1u, "medium", "ZedJuz8$")]
    [TestCase(1u, "basic", "pIS54PLs")]
    [TestCase(1u, "short", "Zed5")]
    [TestCase(1u, "pin", "6685")]
    public void DerivePasswordMatchesSprig(uint counter, string type, string expected) =>
        Assert.That(Render($"{{{{derivePassword {counter} \"{type}\" \"password\" \"user\" \"example.com\"}}}}"), Is.EqualTo(expected));

    [Test]
    public void ScryptMatchesTheRfc7914Vector()
    {
        var key = Scrypt.DeriveKey("password"u8.ToArray(), "NaCl"u8.ToArray(), 1024, 8, 16, 64);

        Assert.That(Convert.ToHexStringLower(key), Is.EqualTo("fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"));
    }

    [Test]
    public void BcryptAndHtpasswdVerifyAndAreReproducible()
    {
        var hash = Render("{{\"abc\" | bcrypt}}");

        Assert.That(hash, Does.StartWith("$2a$10$"));
        Assert.That(BCrypt.Net.BCrypt.Verify("abc", hash), Is.True);
        Assert.That(Render("{{\"abc\" | bcrypt}}"), Is.EqualTo(hash), "two renders compare equal");
        var bcryptLine = Render("{{htpasswd \"myUser\" \"myPassword\" \"bcrypt\"}}").Split(':', 2);
        Assert.That(bcryptLine[0], Is.EqualTo("myUser"));
        Assert.That(BCrypt.Net.BCrypt.Verify("myPassword", bcryptLine[1]), Is.True);
        Assert.That(Render("{{htpasswd \"mySahUser\" \"myShaPassword\" \"sha\"}}"), Is.EqualTo("mySahUser:{SHA}" + Convert.ToBase64String(SHA1.HashData("myShaPassword"u8))));
        Assert.That(Render("{{htpasswd \"wrongus:er\" \"x\" \"bcrypt\"}}"), Is.EqualTo("invalid username: wrongus:er"));
    }

    [Test]
    public void RandomnessIsReproducibleWithTheDocumentedShape()
    {
        Assert.That(Convert.FromBase64String(Render("{{randBytes 12}}")), Has.Length.EqualTo(12));
        Assert.That(Render("{{uuidv4}}"), Has.Length.EqualTo(36));
        var first = Render("{{randAlphaNum 16}}");
        Assert.That(Render("{{randAlphaNum 16}}"), Does.Match("^[A-Za-z0-9]{16}$").And.EqualTo(first));
        var encrypted = Render("{{\"x\" | encryptAES \"k\"}}");
        Assert.That(Render("{{\"x\" | encryptAES \"k\"}}"), Is.EqualTo(encrypted));
    }

    [TestCase("ecdsa", "EC PRIVATE KEY")]
    [TestCase("ed25519", "-----BEGIN PRIVATE KEY-----")]
    [TestCase("bad", "Unknown type bad")]
    public void GenPrivateKeyWritesGoPemBlocks(string type, string expected)
    {
        var pem = Render($"{{{{genPrivateKey \"{type}\"}}}}");

        Assert.That(pem, Does.Contain(expected));
    }

    [Test]
    public void GenCaAndSignedCertificatesParseWithTheirNamesAndAreRememberedPerCall()
    {
        var ca = Render("{{- $ca := genCA \"foo-ca\" 365 }}{{ $ca.Cert }}");
        using var caCert = X509Certificate2.CreateFromPem(ca);
        Assert.That(caCert.GetNameInfo(X509NameType.SimpleName, false), Is.EqualTo("foo-ca"));
        Assert.That(caCert.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority, Is.True);
        Assert.That(Render("{{- $ca := genCA \"foo-ca\" 365 }}{{ $ca.Cert }}"), Is.EqualTo(ca), "the same call gives the same certificate in one process");

        var signed = Render("""
            {{- $ca := genPrivateKey "ecdsa" | genCAWithKey "foo" 365 }}
            {{- $cert := genSignedCert "foo.com" (list "10.0.0.1" "10.0.0.2") (list "bar.com" "bat.com") 365 $ca }}
            {{- $cert.Cert }}
            """);
        using var cert = X509Certificate2.CreateFromPem(signed);
        Assert.That(cert.GetNameInfo(X509NameType.SimpleName, false), Is.EqualTo("foo.com"));
        Assert.That(cert.Issuer, Is.EqualTo("CN=foo"));
        var san = cert.Extensions.OfType<X509SubjectAlternativeNameExtension>().Single();
        Assert.That(san.EnumerateDnsNames(), Is.EquivalentTo(new[] { "bar.com", "bat.com" }));
        Assert.That(san.EnumerateIPAddresses().Select(ip => ip.ToString()), Is.EqualTo(new[] { "10.0.0.1", "10.0.0.2" }));
        Assert.That(cert.Extensions.OfType<X509BasicConstraintsExtension>().Single().CertificateAuthority, Is.False);
        Assert.That(cert.SerialNumberBytes.Span[0] & 0x80, Is.Zero, "a positive serial");

        var self = Render("{{- $c := genPrivateKey \"ecdsa\" | genSelfSignedCertWithKey \"foo.com\" (list) (list \"bar.com\") 365 }}{{ $c.Key }}");
        Assert.That(self, Does.StartWith("-----BEGIN EC PRIVATE KEY-----").And.EndWith("-----END EC PRIVATE KEY-----\n"));
    }

    [Test]
    public void BuildCustomCertChecksItsInputs()
    {
        var ok = Render("""
            {{- $ca := genCA "x" 1 }}
            {{- $c := buildCustomCert (b64enc $ca.Cert) (b64enc $ca.Key) }}{{ eq $c.Cert $ca.Cert }}
            """);
        Assert.That(ok, Is.EqualTo("true"));

        var ex = Assert.Throws<GoTemplateException>(() => Render("{{- $ca := genCA \"x\" 1 }}{{ (buildCustomCert (b64enc \"fail\") (b64enc $ca.Key)).Cert }}"));
        Assert.That(ex!.Message, Does.Contain("buildCustomCert").And.Contain("certificate"));
    }

    [Test]
    public void AnEd25519KeyCannotSignHereAndSaysSo()
    {
        var ex = Assert.Throws<GoTemplateException>(() => Render("{{ (genPrivateKey \"ed25519\" | genCAWithKey \"x\" 1).Cert }}"));

        Assert.That(ex!.Message, Does.Contain("Ed25519 keys cannot sign certificates here"));
    }
}
