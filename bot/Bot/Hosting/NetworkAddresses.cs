using System.Net;
using System.Net.Sockets;

namespace Bot.Hosting;

/// <summary>What kind of network an address belongs to, as far as calls to user-supplied URLs care.</summary>
public enum AddressKind
{
    Public,
    Loopback,
    Private,
    CarrierGradeNat,
    LinkLocal,
    Metadata,
    Multicast,
    Unspecified,
    UniqueLocal,
    Reserved,
}

/// <summary>
/// Sorts an address into <see cref="AddressKind"/>. IPv6 forms that carry an IPv4 address (mapped, compatible, NAT64,
/// 6to4) are judged by the IPv4 address inside, because that is where the packets can end up.
/// </summary>
public static class NetworkAddresses
{
    // Cloud metadata and host agents: AWS/GCP/Azure/OpenStack 169.254.169.254, AWS's IPv6 fd00:ec2::254, Alibaba
    // 100.100.100.200, and Azure's WireServer 168.63.129.16, which sits in a public range.
    private static readonly IPAddress[] MetadataAddresses =
        [IPAddress.Parse("169.254.169.254"), IPAddress.Parse("fd00:ec2::254"), IPAddress.Parse("100.100.100.200"), IPAddress.Parse("168.63.129.16")];

    private static readonly (IPAddress Network, int PrefixLength, AddressKind Kind)[] V4Ranges =
    [
        (IPAddress.Parse("0.0.0.0"), 8, AddressKind.Unspecified),
        (IPAddress.Parse("10.0.0.0"), 8, AddressKind.Private),
        (IPAddress.Parse("100.64.0.0"), 10, AddressKind.CarrierGradeNat),
        (IPAddress.Parse("127.0.0.0"), 8, AddressKind.Loopback),
        (IPAddress.Parse("169.254.0.0"), 16, AddressKind.LinkLocal),
        (IPAddress.Parse("172.16.0.0"), 12, AddressKind.Private),
        (IPAddress.Parse("192.0.0.0"), 24, AddressKind.Reserved),
        (IPAddress.Parse("192.0.2.0"), 24, AddressKind.Reserved),
        (IPAddress.Parse("192.168.0.0"), 16, AddressKind.Private),
        (IPAddress.Parse("198.18.0.0"), 15, AddressKind.Reserved),
        (IPAddress.Parse("198.51.100.0"), 24, AddressKind.Reserved),
        (IPAddress.Parse("203.0.113.0"), 24, AddressKind.Reserved),
        (IPAddress.Parse("224.0.0.0"), 4, AddressKind.Multicast),
        (IPAddress.Parse("240.0.0.0"), 4, AddressKind.Reserved),
    ];

    private static readonly (IPAddress Network, int PrefixLength, AddressKind Kind)[] V6Ranges =
    [
        (IPAddress.Parse("100::"), 64, AddressKind.Reserved),
        (IPAddress.Parse("2001:db8::"), 32, AddressKind.Reserved),
        (IPAddress.Parse("fc00::"), 7, AddressKind.UniqueLocal),
        (IPAddress.Parse("fe80::"), 10, AddressKind.LinkLocal),
        (IPAddress.Parse("fec0::"), 10, AddressKind.UniqueLocal),
        (IPAddress.Parse("ff00::"), 8, AddressKind.Multicast),
    ];

    private static readonly IPAddress Nat64Prefix = IPAddress.Parse("64:ff9b::");
    private static readonly IPAddress SixToFourPrefix = IPAddress.Parse("2002::");

    public static AddressKind Classify(IPAddress address)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (MetadataAddresses.Any(address.Equals) || (address.IsIPv4MappedToIPv6 && MetadataAddresses.Any(address.MapToIPv4().Equals)))
        {
            return AddressKind.Metadata;
        }

        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            return RangeKind(address, V4Ranges);
        }

        if (address.Equals(IPAddress.IPv6Any))
        {
            return AddressKind.Unspecified;
        }

        if (address.Equals(IPAddress.IPv6Loopback))
        {
            return AddressKind.Loopback;
        }

        if (EmbeddedIPv4(address) is { } inner)
        {
            return Classify(inner);
        }

        return address.AddressFamily == AddressFamily.InterNetworkV6 ? RangeKind(address, V6Ranges) : AddressKind.Reserved;
    }

    /// <summary>The IPv4 address an IPv6 address carries: ::ffff:a.b.c.d, ::a.b.c.d, 64:ff9b::a.b.c.d, 2002:aabb:ccdd::.</summary>
    private static IPAddress? EmbeddedIPv4(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            return address.MapToIPv4();
        }

        var bytes = address.GetAddressBytes();
        if (bytes.AsSpan(0, 12).IndexOfAnyExcept((byte)0) < 0 || InPrefix(bytes, Nat64Prefix.GetAddressBytes(), 96))
        {
            return new IPAddress(bytes.AsSpan(12, 4));
        }

        return InPrefix(bytes, SixToFourPrefix.GetAddressBytes(), 16) ? new IPAddress(bytes.AsSpan(2, 4)) : null;
    }

    private static AddressKind RangeKind(IPAddress address, (IPAddress Network, int PrefixLength, AddressKind Kind)[] ranges)
    {
        var bytes = address.GetAddressBytes();
        foreach (var (network, prefixLength, kind) in ranges)
        {
            if (InPrefix(bytes, network.GetAddressBytes(), prefixLength))
            {
                return kind;
            }
        }

        return AddressKind.Public;
    }

    private static bool InPrefix(byte[] address, byte[] network, int prefixLength)
    {
        if (address.Length != network.Length)
        {
            return false;
        }

        var whole = prefixLength / 8;
        if (!address.AsSpan(0, whole).SequenceEqual(network.AsSpan(0, whole)))
        {
            return false;
        }

        var rest = prefixLength % 8;
        var mask = (byte)(0xFF << (8 - rest));
        return rest == 0 || (address[whole] & mask) == (network[whole] & mask);
    }
}
