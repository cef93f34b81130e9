using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Bot.Hosting;
using Bot.Protocol.Authentication;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Bot.Tests.Hosting;

/// <summary>
/// Where a URL a person supplied may lead: every internal address, in every spelling, is refused when the URL is set
/// and again when the client connects, after resolution, unless an operator allowed the host.
/// </summary>
public sealed class UserSuppliedUrlsTests
{
    private readonly StubResolver _dns = new();

    [Theory]
    [InlineData("127.0.0.1", AddressKind.Loopback)]
    [InlineData("127.255.0.9", AddressKind.Loopback)]
    [InlineData("10.0.0.5", AddressKind.Private)]
    [InlineData("172.16.0.1", AddressKind.Private)]
    [InlineData("172.31.255.255", AddressKind.Private)]
    [InlineData("192.168.1.1", AddressKind.Private)]
    [InlineData("100.64.0.1", AddressKind.CarrierGradeNat)]
    [InlineData("100.127.255.254", AddressKind.CarrierGradeNat)]
    [InlineData("169.254.0.1", AddressKind.LinkLocal)]
    [InlineData("169.254.169.254", AddressKind.Metadata)]
    [InlineData("168.63.129.16", AddressKind.Metadata)]
    [InlineData("100.100.100.200", AddressKind.Metadata)]
    [InlineData("224.0.0.1", AddressKind.Multicast)]
    [InlineData("239.255.255.250", AddressKind.Multicast)]
    [InlineData("0.0.0.0", AddressKind.Unspecified)]
    [InlineData("0.1.2.3", AddressKind.Unspecified)]
    [InlineData("255.255.255.255", AddressKind.Reserved)]
    [InlineData("198.18.0.1", AddressKind.Reserved)]
    [InlineData("172.32.0.1", AddressKind.Public)]
    [InlineData("100.128.0.1", AddressKind.Public)]
    [InlineData("93.184.215.14", AddressKind.Public)]
    [InlineData("::", AddressKind.Unspecified)]
    [InlineData("::1", AddressKind.Loopback)]
    [InlineData("fc00::1", AddressKind.UniqueLocal)]
    [InlineData("fd12:3456::1", AddressKind.UniqueLocal)]
    [InlineData("fd00:ec2::254", AddressKind.Metadata)]
    [InlineData("fe80::1", AddressKind.LinkLocal)]
    [InlineData("febf::1", AddressKind.LinkLocal)]
    [InlineData("ff02::1", AddressKind.Multicast)]
    [InlineData("::ffff:127.0.0.1", AddressKind.Loopback)]
    [InlineData("::ffff:10.0.0.5", AddressKind.Private)]
    [InlineData("::ffff:169.254.169.254", AddressKind.Metadata)]
    [InlineData("::ffff:0.0.0.0", AddressKind.Unspecified)]
    [InlineData("::10.0.0.5", AddressKind.Private)]
    [InlineData("64:ff9b::192.168.0.1", AddressKind.Private)]
    [InlineData("2002:a00:5::1", AddressKind.Private)]
    [InlineData("2001:db8::1", AddressKind.Reserved)]
    [InlineData("2606:4700::1111", AddressKind.Public)]
    [InlineData("::ffff:93.184.215.14", AddressKind.Public)]
    public void Every_address_spelling_is_sorted_by_where_it_leads(string address, AddressKind expected) =>
        Assert.Equal(expected, NetworkAddresses.Classify(IPAddress.Parse(address)));

    [Theory]
    [InlineData("https://10.0.0.5/admin", DestinationRefusalReason.Address, "10.0.0.5", AddressKind.Private)]
    [InlineData("https://[fd00::1]/", DestinationRefusalReason.Address, "fd00::1", AddressKind.UniqueLocal)]
    [InlineData("https://[::ffff:169.254.169.254]/", DestinationRefusalReason.Address, "::ffff:169.254.169.254", AddressKind.Metadata)]
    [InlineData("https://internal.example/", DestinationRefusalReason.ResolvesTo, "internal.example", AddressKind.Private)]
    [InlineData("https://mixed.example/", DestinationRefusalReason.ResolvesTo, "mixed.example", AddressKind.LinkLocal)]
    [InlineData("https://unknown.example/", DestinationRefusalReason.HostNotFound, "unknown.example", AddressKind.Public)]
    [InlineData("http://public.example/", DestinationRefusalReason.Scheme, "http://public.example/", AddressKind.Public)]
    [InlineData("https://user:pw@public.example/", DestinationRefusalReason.Scheme, "https://user:pw@public.example/", AddressKind.Public)]
    [InlineData("http://127.0.0.1:8080/", DestinationRefusalReason.Scheme, "http://127.0.0.1:8080/", AddressKind.Public)]
    public async Task Setting_an_internal_or_unsafe_destination_is_refused_with_its_reason(string url, DestinationRefusalReason reason, string subject, AddressKind kind)
    {
        var refusal = await Urls().CheckAsync(url, CancellationToken.None);

        Assert.Equal(new DestinationRefusal(reason, subject, kind), refusal);
    }

    [Fact]
    public async Task A_public_https_destination_is_accepted()
    {
        Assert.Null(await Urls().CheckAsync("https://public.example/hooks", CancellationToken.None));
        Assert.Null(await Urls().CheckAsync("https://93.184.215.14/hooks", CancellationToken.None));
    }

    [Fact]
    public async Task An_allowed_host_may_be_internal_but_must_still_be_https()
    {
        var urls = Urls(allowedHosts: ["Internal.Example", "10.0.0.5"]);

        Assert.Null(await urls.CheckAsync("https://internal.example/hook", CancellationToken.None));
        Assert.Null(await urls.CheckAsync("https://10.0.0.5/hook", CancellationToken.None));
        Assert.Equal(DestinationRefusalReason.Scheme, (await urls.CheckAsync("http://internal.example/hook", CancellationToken.None))?.Reason);
        Assert.Equal(DestinationRefusalReason.Address, (await urls.CheckAsync("https://10.0.0.6/hook", CancellationToken.None))?.Reason);
    }

    [Fact]
    public async Task Plain_http_to_loopback_only_in_local_development()
    {
        var local = Urls(appId: string.Empty);

        Assert.Null(await local.CheckAsync("http://127.0.0.1:8080/hook", CancellationToken.None));
        Assert.Null(await local.CheckAsync("http://localhost:8080/hook", CancellationToken.None));
        Assert.Equal(DestinationRefusalReason.Scheme, (await local.CheckAsync("http://public.example/hook", CancellationToken.None))?.Reason);
        Assert.Equal(DestinationRefusalReason.Address, (await local.CheckAsync("https://10.0.0.5/hook", CancellationToken.None))?.Reason);
        Assert.Equal(DestinationRefusalReason.Scheme, (await Urls().CheckAsync("http://localhost:8080/hook", CancellationToken.None))?.Reason);
    }

    [Theory]
    [InlineData("https://10.0.0.5/admin")]
    [InlineData("https://[::ffff:127.0.0.1]/")]
    [InlineData("https://rebound.example/")]
    public async Task The_client_refuses_at_connect_time_after_resolution_without_connecting(string url)
    {
        // Checked while setting, the name still led somewhere public; by delivery it resolves internally.
        _dns.Answer("rebound.example", "93.184.215.14");
        var urls = Urls();
        Assert.Null(await urls.CheckAsync("https://rebound.example/", CancellationToken.None));
        _dns.Answer("rebound.example", "93.184.215.14", "169.254.169.254");
        using var client = new HttpClient(urls.CreateHandler());

        var stopwatch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<HttpRequestException>(() => client.GetAsync(new Uri(url)));

        Assert.IsType<DestinationRefusedException>(error.InnerException);
        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(5), "A refused destination must not wait for a connection.");
    }

    [Fact]
    public void The_client_follows_no_redirect_and_uses_no_proxy()
    {
        // A proxy would be what the connect step reaches, so the check would see the proxy, not the destination.
        using var handler = Urls().CreateHandler();

        Assert.Equal((false, false, true), (handler.AllowAutoRedirect, handler.UseProxy, handler.ConnectCallback is not null));
    }

    [Fact]
    public void An_allow_list_entry_that_is_not_a_host_fails_start_up()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Webhooks:AllowedHosts:0"] = "publisher.internal",
            ["Webhooks:AllowedHosts:1"] = "10.0.0.5",
            ["Webhooks:AllowedHosts:2"] = "https://publisher.internal/",
        }).Build();
        using var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddUserSuppliedUrls().BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<OutboundUrlOptions>>().Value);

        Assert.Contains("Webhooks:AllowedHosts", error.Message, StringComparison.Ordinal);
    }

    private UserSuppliedUrls Urls(string appId = "6b4c1d2e-3f40-4a5b-8c6d-7e8f9a0b1c2d", string[]? allowedHosts = null)
    {
        _dns.Answer("public.example", "93.184.215.14", "2606:4700::1111");
        _dns.Answer("internal.example", "10.1.2.3");
        _dns.Answer("mixed.example", "93.184.215.14", "fe80::1");
        _dns.Answer("localhost", "127.0.0.1", "::1");
        var options = new OutboundUrlOptions();
        options.AllowedHosts.AddRange(allowedHosts ?? []);
        return new UserSuppliedUrls(Options.Create(options), Options.Create(new BotFrameworkAuthenticationOptions { MicrosoftAppId = appId }), _dns);
    }

    private sealed class StubResolver : IHostAddressResolver
    {
        private readonly System.Collections.Concurrent.ConcurrentDictionary<string, IPAddress[]> _answers = new(StringComparer.OrdinalIgnoreCase);

        public void Answer(string host, params string[] addresses) => _answers[host] = [.. addresses.Select(IPAddress.Parse)];

        public Task<IPAddress[]> ResolveAsync(string host, CancellationToken cancellationToken) =>
            _answers.TryGetValue(host, out var addresses)
                ? Task.FromResult(addresses)
                : Task.FromException<IPAddress[]>(new SocketException((int)SocketError.HostNotFound));
    }
}
