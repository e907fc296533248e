using PlatformValidation.Validators.Live.Secrets;
using PlatformValidation.Validators.Live.Substrates;

namespace PlatformValidation.Validators.Tests.Live;

public sealed class SecretRedactorTests
{
    [Test]
    public void RegisteredSecretsAreMaskedEverywhereInTheText()
    {
        var r = new SecretRedactor();
        r.Register("sk-sentinel-123456");
        Assert.That(r.Redact("key=sk-sentinel-123456 and again sk-sentinel-123456"), Is.EqualTo("key=*** and again ***"));
    }

    [Test]
    public void BearerTokensAndKubeconfigCredentialsAreMaskedWithoutRegistration()
    {
        var r = new SecretRedactor();
        Assert.That(r.Redact("Authorization: Bearer abc.def-ghi"), Is.EqualTo("Authorization: Bearer ***"));
        Assert.That(r.Redact("    token: eyJhbGciOi"), Is.EqualTo("    token: ***"));
        Assert.That(r.Redact("client-key-data: LS0tLS1CRUdJTi"), Is.EqualTo("client-key-data: ***"));
        Assert.That(r.Redact("\"api_key\": \"abcd1234\""), Is.EqualTo("\"api_key\": \"***\""));
    }

    [Test]
    public void ShortOrEmptyValuesAreNotRegistered()
    {
        var r = new SecretRedactor();
        r.Register("a");
        r.Register(null);
        Assert.That(r.Redact("a cat"), Is.EqualTo("a cat"));
    }

    [Test]
    public void KubeconfigCredentialsAreRegisteredIncludingDecodedKeyData()
    {
        var r = new SecretRedactor();
        var key = "-----BEGIN KEY-----\nMIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7sentinel\n-----END KEY-----";
        var kubeconfig = $"""
            users:
            - name: u
              user:
                token: tok-sentinel-0001
                client-key-data: {Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(key))}
            """;
        KubeClients.RegisterCredentials(kubeconfig, r);
        Assert.That(r.Redact("tok-sentinel-0001"), Is.EqualTo("***"));
        Assert.That(r.Redact("MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7sentinel"), Is.EqualTo("***"));
    }
}
