package dev.agentflow.shared.net;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Which IP addresses user-supplied URLs may reach (the SSRF guard). Refused by default: unspecified,
 * loopback, private (RFC 1918), shared/CGNAT (100.64/10), link-local (169.254/16, including the instance
 * metadata service 169.254.169.254), benchmarking, documentation and reserved ranges, multicast and
 * broadcast, and their IPv6 equivalents (::, ::1, fc00::/7 unique-local incl. fd00:ec2::254, fe80::/10,
 * fec0::/10, ff00::/8, 2001:db8::/32, 100::/64). IPv6 forms that embed an IPv4 address (IPv4-mapped
 * ::ffff:0:0/96, NAT64 64:ff9b::/96, 6to4 2002::/16, IPv4-compatible ::/96) are judged by that address.
 * An allow-list (e.g. {@code 127.0.0.0/8} for the local cloud) wins over the refusals.
 */
public final class AddressPolicy {

    private record Blocked(Cidr cidr, String why) {
    }

    private static final List<Blocked> BLOCKED = List.of(
            b("0.0.0.0/8", "an unspecified address"),
            b("10.0.0.0/8", "a private address"),
            b("100.64.0.0/10", "a shared (CGNAT) address"),
            b("127.0.0.0/8", "a loopback address"),
            b("169.254.0.0/16", "a link-local address (instance metadata)"),
            b("172.16.0.0/12", "a private address"),
            b("192.0.0.0/24", "a reserved address"),
            b("192.0.2.0/24", "a documentation address"),
            b("192.88.99.0/24", "a reserved address"),
            b("192.168.0.0/16", "a private address"),
            b("198.18.0.0/15", "a benchmarking address"),
            b("198.51.100.0/24", "a documentation address"),
            b("203.0.113.0/24", "a documentation address"),
            b("224.0.0.0/4", "a multicast address"),
            b("240.0.0.0/4", "a reserved or broadcast address"),
            b("::/128", "an unspecified address"),
            b("::1/128", "a loopback address"),
            b("100::/64", "a discard address"),
            b("2001:db8::/32", "a documentation address"),
            b("fc00::/7", "a unique-local (private) address"),
            b("fe80::/10", "a link-local address"),
            b("fec0::/10", "a site-local address"),
            b("ff00::/8", "a multicast address"));

    private final List<Cidr> allowed;

    /** @param allowed networks reachable despite the refusals */
    public AddressPolicy(List<Cidr> allowed) {
        this.allowed = List.copyOf(allowed);
    }

    /** The default policy: no exceptions. */
    public static AddressPolicy strict() {
        return new AddressPolicy(List.of());
    }

    /**
     * A policy from a comma-separated allow-list ({@code "127.0.0.0/8,::1"}); blank means none.
     *
     * @throws IllegalArgumentException naming the bad entry
     */
    public static AddressPolicy allowing(String csv) {
        List<Cidr> cidrs = new ArrayList<>();
        if (csv != null) {
            for (String part : csv.split(",")) {
                if (!part.isBlank()) {
                    cidrs.add(Cidr.parse(part));
                }
            }
        }
        return new AddressPolicy(cidrs);
    }

    /** The allow-list. */
    public List<Cidr> allowed() {
        return allowed;
    }

    /** Why the address is refused, or empty when it may be reached. */
    public Optional<String> refusal(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (allowed.stream().anyMatch(c -> c.contains(bytes))) {
            return Optional.empty();
        }
        byte[] embedded = embeddedIpv4(bytes);
        if (embedded != null) {
            if (allowed.stream().anyMatch(c -> c.contains(embedded))) {
                return Optional.empty();
            }
            Optional<String> inner = blocked(embedded);
            if (inner.isPresent()) {
                return inner.map(why -> why + " embedded in an IPv6 address");
            }
        }
        return blocked(bytes);
    }

    private static Optional<String> blocked(byte[] bytes) {
        return BLOCKED.stream().filter(b -> b.cidr().contains(bytes)).findFirst()
                .map(b -> b.why() + " (" + b.cidr() + ")");
    }

    /** The IPv4 address inside an IPv4-mapped, IPv4-compatible, NAT64 or 6to4 IPv6 address, else null. */
    static byte[] embeddedIpv4(byte[] a) {
        if (a.length != 16) {
            return null;
        }
        boolean firstTenZero = true;
        for (int i = 0; i < 10; i++) {
            firstTenZero &= a[i] == 0;
        }
        if (firstTenZero && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff) {
            return Arrays.copyOfRange(a, 12, 16);
        }
        if (firstTenZero && a[10] == 0 && a[11] == 0) {
            boolean small = a[12] == 0 && a[13] == 0 && a[14] == 0;
            return small ? null : Arrays.copyOfRange(a, 12, 16); // ::a.b.c.d, but not :: or ::1
        }
        if ((a[0] & 0xff) == 0x00 && (a[1] & 0xff) == 0x64 && (a[2] & 0xff) == 0xff && (a[3] & 0xff) == 0x9b) {
            boolean zero = true;
            for (int i = 4; i < 12; i++) {
                zero &= a[i] == 0;
            }
            return zero ? Arrays.copyOfRange(a, 12, 16) : null;
        }
        if ((a[0] & 0xff) == 0x20 && (a[1] & 0xff) == 0x02) {
            return Arrays.copyOfRange(a, 2, 6);
        }
        return null;
    }

    private static Blocked b(String cidr, String why) {
        return new Blocked(Cidr.parse(cidr), why);
    }
}
