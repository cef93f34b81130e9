using System.Net;
using System.Net.Sockets;
using Bot.Localization;
using Bot.Protocol.Authentication;
using Microsoft.Extensions.Options;

namespace Bot.Hosting;

/// <summary>
/// Hosts an operator lets user-supplied URLs reach although they resolve to an internal address. The section is named
/// after the webhook, today the only URL a person supplies; any later one goes through the same client and list.
/// </summary>
public sealed class OutboundUrlOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>Host names or IP literals, compared case-insensitively with the URL's host; no wildcards.</summary>
    public List<string> AllowedHosts { get; } = [];
}

/// <summary>Turns a host name into addresses; a seam so tests can make a name resolve anywhere without a DNS server.</summary>
public interface IHostAddressResolver
{
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken);
}

internal sealed class DnsHostAddressResolver : IHostAddressResolver
{
    public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) => Dns.GetHostAddressesAsync(host, cancellationToken);
}

public enum DestinationRefusalReason
{
    /// <summary>Not an absolute https URL without user info (plain http only to loopback in local development).</summary>
    Scheme,
    HostNotFound,
    /// <summary>The URL names an address literally, and that address is refused.</summary>
    Address,
    /// <summary>The URL names a host that resolves to a refused address; which one is not said.</summary>
    ResolvesTo,
}

/// <summary>Why a destination is refused, in words for the person who supplied it.</summary>
public sealed record DestinationRefusal(DestinationRefusalReason Reason, string Subject, AddressKind Kind = AddressKind.Public)
{
    public string Describe() => Reason switch
    {
        DestinationRefusalReason.Scheme => Texts.DestinationNotHttps,
        DestinationRefusalReason.HostNotFound => Texts.FormatDestinationHostNotFound(Subject),
        DestinationRefusalReason.Address => Texts.FormatDestinationAddressRefused(Subject, KindText(Kind)),
        _ => Texts.FormatDestinationHostRefused(Subject, KindText(Kind)),
    };

    private static string KindText(AddressKind kind) => kind switch
    {
        AddressKind.Loopback => Texts.AddressKindLoopback,
        AddressKind.Private => Texts.AddressKindPrivate,
        AddressKind.CarrierGradeNat => Texts.AddressKindCarrierGradeNat,
        AddressKind.LinkLocal => Texts.AddressKindLinkLocal,
        AddressKind.Metadata => Texts.AddressKindMetadata,
        AddressKind.Multicast => Texts.AddressKindMulticast,
        AddressKind.Unspecified => Texts.AddressKindUnspecified,
        AddressKind.UniqueLocal => Texts.AddressKindUniqueLocal,
        _ => Texts.AddressKindReserved,
    };
}

/// <summary>Thrown by the connect step when the resolved destination is refused; the HTTP client wraps it in an <see cref="HttpRequestException"/>.</summary>
public sealed class DestinationRefusedException(DestinationRefusal refusal) : IOException(refusal.Reason.ToString())
{
    public DestinationRefusal Refusal { get; } = refusal;
}

/// <summary>
/// The one way to call a URL a person or tenant supplied. The check runs twice: when the URL is set, so the person
/// hears at once why it is refused, and in the HTTP client's connect step, after DNS resolution, on every connection,
/// so a name that later resolves somewhere internal is refused too. The client connects to exactly the addresses it
/// checked, so a second resolution cannot slip a different answer in (DNS rebinding).
/// </summary>
public sealed class UserSuppliedUrls(IOptions<OutboundUrlOptions> options, IOptions<BotFrameworkAuthenticationOptions> authentication, IHostAddressResolver resolver)
{
    public const string HttpClientName = "user-supplied-urls";

    private bool LocalDevelopment => !authentication.Value.IsAuthenticationEnabled;

    /// <summary>Null when <paramref name="url"/> may be called now, else why not.</summary>
    public async Task<DestinationRefusal?> CheckAsync(string url, CancellationToken cancellationToken)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || SchemeRefusal(uri) is not null)
        {
            return new DestinationRefusal(DestinationRefusalReason.Scheme, url);
        }

        var host = uri.IdnHost;
        IPAddress[] addresses;
        try
        {
            addresses = await AddressesOfAsync(host, cancellationToken);
        }
        catch (SocketException)
        {
            addresses = [];
        }

        return addresses.Length == 0 ? new DestinationRefusal(DestinationRefusalReason.HostNotFound, uri.Host) : AddressRefusal(uri.Host, addresses);
    }

    /// <summary>The primary handler of <see cref="HttpClientName"/>: checks at connect time, follows no redirect, uses no proxy.</summary>
    public SocketsHttpHandler CreateHandler() => new()
    {
        AllowAutoRedirect = false,
        // A proxy would make the connect step reach the proxy, not the destination, and defeat the check.
        UseProxy = false,
        UseCookies = false,
        PooledConnectionLifetime = TimeSpan.FromMinutes(2),
        ConnectCallback = ConnectAsync,
    };

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        if (context.InitialRequestMessage.RequestUri is not { } uri || SchemeRefusal(uri) is not null)
        {
            throw new DestinationRefusedException(new DestinationRefusal(DestinationRefusalReason.Scheme, host));
        }

        var addresses = await AddressesOfAsync(host, cancellationToken);
        if (addresses.Length == 0)
        {
            throw new DestinationRefusedException(new DestinationRefusal(DestinationRefusalReason.HostNotFound, host));
        }

        if (AddressRefusal(host, addresses) is { } refusal)
        {
            throw new DestinationRefusedException(refusal);
        }

        var socket = new Socket(SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(addresses, context.DnsEndPoint.Port, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    private DestinationRefusal? SchemeRefusal(Uri uri)
    {
        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            return new DestinationRefusal(DestinationRefusalReason.Scheme, uri.Host);
        }

        var plainHttpToLoopback = uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback && LocalDevelopment;
        return uri.Scheme == Uri.UriSchemeHttps || plainHttpToLoopback ? null : new DestinationRefusal(DestinationRefusalReason.Scheme, uri.Host);
    }

    private async Task<IPAddress[]> AddressesOfAsync(string host, CancellationToken cancellationToken)
    {
        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        return IPAddress.TryParse(bare, out var literal) ? [literal] : await resolver.ResolveAsync(bare, cancellationToken);
    }

    /// <summary>Every address must be acceptable: one internal answer among public ones is refused all the same.</summary>
    private DestinationRefusal? AddressRefusal(string host, IPAddress[] addresses)
    {
        var bare = host.StartsWith('[') && host.EndsWith(']') ? host[1..^1] : host;
        if (options.Value.AllowedHosts.Any(allowed => string.Equals(allowed.Trim().Trim('[', ']'), bare, StringComparison.OrdinalIgnoreCase)))
        {
            return null;
        }

        foreach (var address in addresses)
        {
            var kind = NetworkAddresses.Classify(address);
            if (kind == AddressKind.Public || (kind == AddressKind.Loopback && LocalDevelopment))
            {
                continue;
            }

            var literal = IPAddress.TryParse(bare, out _);
            return new DestinationRefusal(literal ? DestinationRefusalReason.Address : DestinationRefusalReason.ResolvesTo, bare, kind);
        }

        return null;
    }
}

public static class UserSuppliedUrlsServiceCollectionExtensions
{
    public static IServiceCollection AddUserSuppliedUrls(this IServiceCollection services)
    {
        // An entry such as "https://host/" would never match a host: fail at start-up rather than refuse at run time.
        services.AddOptions<OutboundUrlOptions>().BindConfiguration(OutboundUrlOptions.SectionName)
            .Validate(options => options.AllowedHosts.All(host => Uri.CheckHostName(host.Trim().Trim('[', ']')) != UriHostNameType.Unknown), "Webhooks:AllowedHosts: every entry must be a host name or an IP address, without scheme, port or path.")
            .ValidateOnStart();
        services.AddSingleton<IHostAddressResolver, DnsHostAddressResolver>();
        services.AddSingleton<UserSuppliedUrls>();
        // No automatic retries inside the client: callers own retries. Nor the factory's request logs: such URLs often
        // carry a token of the receiver in their path.
        services.AddHttpClient(UserSuppliedUrls.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(provider => provider.GetRequiredService<UserSuppliedUrls>().CreateHandler())
            .RemoveAllLoggers();
        return services;
    }
}
