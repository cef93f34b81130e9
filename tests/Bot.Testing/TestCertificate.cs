using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Bot.Protocol.Authentication;
using Microsoft.Extensions.DependencyInjection;

namespace Bot.Testing;

/// <summary>
/// A self-signed server certificate for 127.0.0.1 and localhost, made once per test process, so the fake token issuer can
/// speak HTTPS like the real login endpoints (MSAL refuses plain http authorities). Nothing is installed on the machine:
/// an in-process client trusts it through <see cref="TrustTestCertificate"/>, a child process through
/// <see cref="ChildProcessEnvironment"/>.
/// </summary>
public static class TestCertificate
{
    private static readonly Lazy<X509Certificate2> Instance = new(Create);
    private static readonly Lazy<string> Pem = new(WritePemFile);

    public static X509Certificate2 Certificate => Instance.Value;

    /// <summary>
    /// For a bot started as its own process: .NET on Linux reads its root store from OpenSSL's <c>SSL_CERT_FILE</c>, so
    /// the child trusts this certificate (and, in place of the system bundle, nothing else, which loopback tests never
    /// need) without any test hook in the bot.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ChildProcessEnvironment => new Dictionary<string, string>
    {
        ["SSL_CERT_FILE"] = Pem.Value,
    };

    /// <summary>
    /// The bot's two clients that reach the fake issuer (the login for its own token, the OpenID metadata for channel
    /// tokens) trust the test certificate; every other client keeps the machine's trust.
    /// </summary>
    public static IServiceCollection TrustTestIssuer(this IServiceCollection services)
    {
        services.AddHttpClient(IBotTokenProvider.HttpClientName).TrustTestCertificate();
        services.AddHttpClient(ChannelSigningKeyCache.HttpClientName).TrustTestCertificate();
        return services;
    }

    /// <summary>The client's primary handler accepts a server certificate only if it chains to this one, not "any certificate".</summary>
    public static IHttpClientBuilder TrustTestCertificate(this IHttpClientBuilder builder) =>
        builder.ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
        {
            SslOptions = new SslClientAuthenticationOptions { RemoteCertificateValidationCallback = IsTestCertificateChain },
        });

    /// <summary>
    /// Trusts the test certificate on a client whose primary handler the bot builds itself (the client for user-supplied
    /// URLs, whose connect step must stay the bot's): only the certificate callback is set on that handler.
    /// </summary>
    public static IHttpClientBuilder TrustTestCertificateOnBotHandler(this IHttpClientBuilder builder) =>
        builder.ConfigurePrimaryHttpMessageHandler((handler, _) =>
            ((SocketsHttpHandler)handler).SslOptions.RemoteCertificateValidationCallback = IsTestCertificateChain);

    private static bool IsTestCertificateChain(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        // Name mismatches and a missing certificate stay errors; only the untrusted-root verdict is re-decided here.
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var custom = new X509Chain();
        custom.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        custom.ChainPolicy.CustomTrustStore.Add(Certificate);
        custom.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var presented = new X509Certificate2(certificate);
        return custom.Build(presented);
    }

    private static X509Certificate2 Create()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=Bot test issuer", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(certificateAuthority: false, hasPathLengthConstraint: false, pathLengthConstraint: 0, critical: true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyEncipherment, critical: true));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], critical: false));
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(2));
    }

    private static string WritePemFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"bot-test-certificate-{Environment.ProcessId}-{Guid.NewGuid():N}.pem");
        File.WriteAllText(path, Certificate.ExportCertificatePem());
        AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
        return path;
    }
}
