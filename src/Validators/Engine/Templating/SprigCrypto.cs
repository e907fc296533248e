using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace PlatformValidation.Validators.Templating;

/// <summary>
/// Sprig's cryptographic functions (Masterminds/sprig crypto.go): <c>bcrypt</c>, <c>htpasswd</c>,
/// <c>derivePassword</c>, <c>genPrivateKey</c>, <c>buildCustomCert</c>, <c>genCA</c>/<c>genSelfSignedCert</c>/
/// <c>genSignedCert</c> (and their <c>…WithKey</c> forms), <c>encryptAES</c>/<c>decryptAES</c>, <c>randBytes</c>,
/// <c>b32dec</c>. Hashes, encodings, <c>derivePassword</c> and <c>decryptAES</c> match Sprig byte for byte. What Sprig
/// draws at random (keys, certificates, salts, IVs) is made reproducible here: salts and IVs derive from the inputs,
/// and a generated key or certificate is remembered for the same call with the same arguments for the life of the
/// process — so two renders of one app compare equal, where Argo CD itself would see a new value on every render.
/// </summary>
internal static partial class GoFunctions
{
    /// <summary>Keys and certificates generated for a (function, arguments) pair: the same call gives the same value.</summary>
    private static readonly ConcurrentDictionary<string, object> Generated = new(StringComparer.Ordinal);

    private static void AddSprigCrypto(Dictionary<string, Func<List<object?>, object?>> t)
    {
        t["b32dec"] = a => Base32Decode(Str(a, "b32dec"));
        t["bcrypt"] = a => Bcrypt(Str(a, "bcrypt"));
        t["htpasswd"] = a => Htpasswd(GoValues.ToStr(Arg(a, 3, "htpasswd")[0]), GoValues.ToStr(a[1]), GoValues.ToStr(a[2]));
        // scrypt with N=32768 takes about 0.4 s: the (deterministic) result is kept per arguments.
        t["derivePassword"] = a => Memo().GetOrAdd(
            "derivePassword\u0000" + GoValues.ToJsonText(Arg(a, 5, "derivePassword")),
            _ => DerivePassword((uint)GoValues.ToInt(a[0]), GoValues.ToStr(a[1]), GoValues.ToStr(a[2]), GoValues.ToStr(a[3]), GoValues.ToStr(a[4])));
        t["randBytes"] = a => Convert.ToBase64String(DerivedBytes("randBytes", (int)Math.Clamp(GoValues.ToInt(Arg(a, 1, "randBytes")[0]), 0, 1_000_000)));
        t["encryptAES"] = a => EncryptAes(GoValues.ToStr(Arg(a, 2, "encryptAES")[0]), GoValues.ToStr(a[1]));
        t["decryptAES"] = a => DecryptAes(GoValues.ToStr(Arg(a, 2, "decryptAES")[0]), GoValues.ToStr(a[1]));
        t["genPrivateKey"] = a => Remember("genPrivateKey", a, () => SprigCertificates.GeneratePrivateKeyPem(Str(a, "genPrivateKey")));
        t["buildCustomCert"] = a => SprigCertificates.BuildCustom(GoValues.ToStr(Arg(a, 2, "buildCustomCert")[0]), GoValues.ToStr(a[1]));
        t["genCA"] = a => Remember("genCA", a, () => SprigCertificates.Ca(GoValues.ToStr(Arg(a, 2, "genCA")[0]), Days(a[1]), null));
        t["genCAWithKey"] = a => Remember("genCAWithKey", a, () => SprigCertificates.Ca(GoValues.ToStr(Arg(a, 3, "genCAWithKey")[0]), Days(a[1]), GoValues.ToStr(a[2])));
        t["genSelfSignedCert"] = a => Remember("genSelfSignedCert", a, () => SprigCertificates.SelfSigned(GoValues.ToStr(Arg(a, 4, "genSelfSignedCert")[0]), a[1], a[2], Days(a[3]), null));
        t["genSelfSignedCertWithKey"] = a => Remember("genSelfSignedCertWithKey", a, () => SprigCertificates.SelfSigned(GoValues.ToStr(Arg(a, 5, "genSelfSignedCertWithKey")[0]), a[1], a[2], Days(a[3]), GoValues.ToStr(a[4])));
        t["genSignedCert"] = a => Remember("genSignedCert", a, () => SprigCertificates.Signed(GoValues.ToStr(Arg(a, 5, "genSignedCert")[0]), a[1], a[2], Days(a[3]), a[4], null));
        t["genSignedCertWithKey"] = a => Remember("genSignedCertWithKey", a, () => SprigCertificates.Signed(GoValues.ToStr(Arg(a, 6, "genSignedCertWithKey")[0]), a[1], a[2], Days(a[3]), a[4], GoValues.ToStr(a[5])));
    }

    [ThreadStatic]
    private static SortedSet<string>? volatileCalls;

    [ThreadStatic]
    private static int variant;

    /// <summary>
    /// 0 normally. Another value on this thread makes every volatile function give another (still reproducible) value,
    /// so rendering twice tells whether the output depends on them — what would change between two Argo CD renders.
    /// </summary>
    internal static int Variant
    {
        get => variant;
        set => variant = value;
    }

    /// <summary>The volatile functions called on this thread since it was set (null: not collecting).</summary>
    internal static SortedSet<string>? VolatileCalls
    {
        get => volatileCalls;
        set => volatileCalls = value;
    }

    /// <summary>
    /// Wraps the functions whose value Argo CD's repo-server would draw anew on every render (randomness, key and
    /// certificate generation, salted hashes, the clock): while a Helm render runs on its thread, the names it calls are
    /// collected in <see cref="VolatileCalls"/>. (A local list: the table is built during type initialization.)
    /// </summary>
    private static void TrackVolatile(Dictionary<string, Func<List<object?>, object?>> t)
    {
        string[] volatileFunctions =
        [
            "randAlphaNum", "randAlpha", "randNumeric", "randAscii", "randBytes", "randInt", "uuidv4", "shuffle", "bcrypt", "encryptAES", "now",
            "genPrivateKey", "genCA", "genCAWithKey", "genSelfSignedCert", "genSelfSignedCertWithKey", "genSignedCert", "genSignedCertWithKey",
        ];
        foreach (var name in volatileFunctions)
        {
            var inner = t[name];
            t[name] = a =>
            {
                volatileCalls?.Add(name);
                return inner(a);
            };
        }

        // htpasswd is only salted (random) with bcrypt, its default.
        var htpasswd = t["htpasswd"];
        t["htpasswd"] = a =>
        {
            if (a.Count == 3 && GoValues.ToStr(a[2]) != "sha")
            {
                volatileCalls?.Add("htpasswd");
            }

            return htpasswd(a);
        };
    }

    private static int Days(object? v) => (int)Math.Clamp(GoValues.ToInt(v), -100_000, 100_000);

    /// <summary>The memo, emptied when it grows past 10,000 entries (a long-running repo-server renders many releases).</summary>
    private static ConcurrentDictionary<string, object> Memo()
    {
        if (Generated.Count > 10_000)
        {
            Generated.Clear();
        }

        return Generated;
    }

    private static object Remember(string name, List<object?> args, Func<object> create) =>
        Memo().GetOrAdd(name + "\u0000" + variant.ToString(System.Globalization.CultureInfo.InvariantCulture) + "\u0000" + GoValues.ToJsonText(args), _ => create());

    /// <summary>Bytes that depend only on <paramref name="purpose"/> and the inputs (SHA-256 in counter mode).</summary>
    private static byte[] DerivedBytes(string purpose, int count, params string[] inputs)
    {
        var result = new byte[count];
        var seed = Encoding.UTF8.GetBytes(purpose + (variant == 0 ? string.Empty : "#" + variant.ToString(System.Globalization.CultureInfo.InvariantCulture)) + "\u0000" + string.Join("\u0000", inputs));
        for (var block = 0; block * 32 < count; block++)
        {
            var hash = SHA256.HashData([.. seed, .. BitConverter.GetBytes(block)]);
            Array.Copy(hash, 0, result, block * 32, Math.Min(32, count - block * 32));
        }

        return result;
    }

    /// <summary>Go's base32.StdEncoding.DecodeString; an invalid input prints Go's error, as Sprig returns it.</summary>
    private static string Base32Decode(string s)
    {
        const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        var bytes = new List<byte>();
        int buffer = 0, bits = 0;
        var end = s.Length;
        while (end > 0 && s[end - 1] == '=')
        {
            end--;
        }

        if (s.Length % 8 != 0)
        {
            return $"illegal base32 data at input byte {s.Length / 8 * 8}";
        }

        for (var i = 0; i < end; i++)
        {
            var v = alphabet.IndexOf(s[i], StringComparison.Ordinal);
            if (v < 0)
            {
                return $"illegal base32 data at input byte {i}";
            }

            buffer = (buffer << 5) | v;
            bits += 5;
            if (bits >= 8)
            {
                bits -= 8;
                bytes.Add((byte)(buffer >> bits));
                buffer &= (1 << bits) - 1;
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    /// <summary>bcrypt at Go's default cost 10 (<c>$2a$10$…</c>); the salt derives from the input so the hash is reproducible.</summary>
    private static string Bcrypt(string input)
    {
        const string alphabet = "./ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        var saltBytes = DerivedBytes("bcrypt", 16, input);
        var salt = new StringBuilder("$2a$10$");
        for (var i = 0; i < 22; i++)
        {
            salt.Append(alphabet[saltBytes[i % 16] % 64]);
        }

        // The 22nd character holds only 2 bits; bcrypt reads 16 bytes from the 22 characters.
        salt[^1] = alphabet[(saltBytes[15] % 4) * 16];
        return BCrypt.Net.BCrypt.HashPassword(input, salt.ToString());
    }

    private static string Htpasswd(string user, string password, string algorithm)
    {
        if (user.Contains(':', StringComparison.Ordinal))
        {
            return "invalid username: " + user;
        }

        return algorithm == "sha"
            ? $"{user}:{{SHA}}{Convert.ToBase64String(SHA1.HashData(Encoding.UTF8.GetBytes(password)))}"
            : $"{user}:{Bcrypt(password)}";
    }

    private static readonly Dictionary<string, string[]> PasswordTemplates = new(StringComparer.Ordinal)
    {
        ["maximum"] = ["anoxxxxxxxxxxxxxxxxx", "axxxxxxxxxxxxxxxxxno"],
        ["long"] =
        [
            "CvcvnoCvcvCvcv", "CvcvCvcvnoCvcv", "CvcvCvcvCvcvno", "CvccnoCvcvCvcv", "CvccCvcvnoCvcv", "CvccCvcvCvcvno", "CvcvnoCvccCvcv",
            "CvcvCvccnoCvcv", "CvcvCvccCvcvno", "CvcvnoCvcvCvcc", "CvcvCvcvnoCvcc", "CvcvCvcvCvccno", "CvccnoCvccCvcv", "CvccCvccnoCvcv",
            "CvccCvccCvcvno", "CvcvnoCvccCvcc", "CvcvCvccnoCvcc", "CvcvCvccCvccno", "CvccnoCvcvCvcc", "CvccCvcvnoCvcc", "CvccCvcvCvccno",
        ],
        ["medium"] = ["CvcnoCvc", "CvcCvcno"],
        ["short"] = ["Cvcn"],
        ["basic"] = ["aaanaaan", "aannaaan", "aaannaaa"],
        ["pin"] = ["nnnn"],
    };

    private static readonly Dictionary<char, string> PasswordCharacters = new()
    {
        ['V'] = "AEIOU",
        ['C'] = "BCDFGHJKLMNPQRSTVWXYZ",
        ['v'] = "aeiou",
        ['c'] = "bcdfghjklmnpqrstvwxyz",
        ['A'] = "AEIOUBCDFGHJKLMNPQRSTVWXYZ",
        ['a'] = "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz",
        ['n'] = "0123456789",
        ['o'] = "@&%?,=[]_:-+*$#!'^~;()/.",
        ['x'] = "AEIOUaeiouBCDFGHJKLMNPQRSTVWXYZbcdfghjklmnpqrstvwxyz0123456789!@#$%^&*()",
    };

    /// <summary>The Master Password algorithm Sprig implements: scrypt(N=32768, r=8, p=2) key, HMAC-SHA256 seed, template characters.</summary>
    private static string DerivePassword(uint counter, string type, string password, string user, string site)
    {
        if (!PasswordTemplates.TryGetValue(type, out var templates))
        {
            return "cannot find password template " + type;
        }

        const string seedText = "com.lyndir.masterpassword";
        var salt = new List<byte>(Encoding.UTF8.GetBytes(seedText));
        salt.AddRange(BigEndian((uint)Encoding.UTF8.GetByteCount(user)));
        salt.AddRange(Encoding.UTF8.GetBytes(user));
        var key = Scrypt.DeriveKey(Encoding.UTF8.GetBytes(password), salt.ToArray(), 32768, 8, 2, 64);

        var message = new List<byte>(Encoding.UTF8.GetBytes(seedText));
        message.AddRange(BigEndian((uint)Encoding.UTF8.GetByteCount(site)));
        message.AddRange(Encoding.UTF8.GetBytes(site));
        message.AddRange(BigEndian(counter));
        var seed = HMACSHA256.HashData(key, message.ToArray());
        var template = templates[seed[0] % templates.Length];
        var sb = new StringBuilder();
        for (var i = 0; i < template.Length; i++)
        {
            var chars = PasswordCharacters[template[i]];
            sb.Append(chars[seed[i + 1] % chars.Length]);
        }

        return sb.ToString();
    }

    private static byte[] BigEndian(uint v) => [(byte)(v >> 24), (byte)(v >> 16), (byte)(v >> 8), (byte)v];

    /// <summary>AES-256-CBC, PKCS#7 padding, the IV before the ciphertext, base64 (Sprig's layout); the IV derives from the inputs.</summary>
    private static string EncryptAes(string password, string plaintext)
    {
        if (plaintext.Length == 0)
        {
            return string.Empty;
        }

        using var aes = Aes.Create();
        aes.Key = AesKey(password);
        var iv = DerivedBytes("encryptAES", 16, password, plaintext);
        var cipher = aes.EncryptCbc(Encoding.UTF8.GetBytes(plaintext), iv, PaddingMode.PKCS7);
        return Convert.ToBase64String([.. iv, .. cipher]);
    }

    private static string DecryptAes(string password, string crypt64)
    {
        if (crypt64.Length == 0)
        {
            return string.Empty;
        }

        byte[] crypt;
        try
        {
            crypt = Convert.FromBase64String(crypt64);
        }
        catch (FormatException)
        {
            throw new GoTemplateException("illegal base64 data in the decryptAES input");
        }

        if (crypt.Length < 32 || crypt.Length % 16 != 0)
        {
            throw new GoTemplateException("crypto/cipher: input not full blocks");
        }

        using var aes = Aes.Create();
        aes.Key = AesKey(password);
        var plain = aes.DecryptCbc(crypt.AsSpan(16), crypt.AsSpan(0, 16), PaddingMode.None);
        var pad = plain[^1];
        return Encoding.UTF8.GetString(plain, 0, Math.Max(0, plain.Length - pad));
    }

    /// <summary>The password copied into a 32-byte key (longer passwords are cut, shorter ones padded with zeros).</summary>
    private static byte[] AesKey(string password)
    {
        var key = new byte[32];
        var bytes = Encoding.UTF8.GetBytes(password);
        Array.Copy(bytes, key, Math.Min(32, bytes.Length));
        return key;
    }
}
