package dev.agentflow.shared.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;

/**
 * An IPv4 or IPv6 network in CIDR notation ({@code 10.0.0.0/8}, {@code fc00::/7}).
 *
 * @param network the network address bytes (4 or 16)
 * @param prefix  the prefix length in bits
 * @param text    the notation as parsed
 */
public record Cidr(byte[] network, int prefix, String text) {

    /**
     * Parses CIDR notation; a bare address means a single host (/32 or /128). Only IP literals are
     * accepted, so parsing never looks anything up in DNS.
     *
     * @throws IllegalArgumentException when malformed
     */
    public static Cidr parse(String notation) {
        String s = notation.trim();
        int slash = s.indexOf('/');
        String address = slash < 0 ? s : s.substring(0, slash);
        if (address.isEmpty() || !address.matches("[0-9A-Fa-f:.]+") || !(address.contains(".") || address.contains(":"))) {
            throw new IllegalArgumentException("not an IP network: " + notation);
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP network: " + notation, e);
        }
        if (address.contains(":") && bytes.length == 4) {
            // an IPv4-mapped literal (::ffff:a.b.c.d) that Java turned into IPv4: keep the IPv4 network
            int prefix = slash < 0 ? 32 : Integer.parseInt(s.substring(slash + 1)) - 96;
            return new Cidr(mask(bytes, prefix), prefix, s);
        }
        int max = bytes.length * 8;
        int prefix;
        try {
            prefix = slash < 0 ? max : Integer.parseInt(s.substring(slash + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad prefix length in " + notation, e);
        }
        if (prefix < 0 || prefix > max) {
            throw new IllegalArgumentException("bad prefix length in " + notation);
        }
        return new Cidr(mask(bytes, prefix), prefix, s);
    }

    /** Whether the address is in this network (addresses of the other family never are). */
    public boolean contains(InetAddress address) {
        return contains(address.getAddress());
    }

    /** Whether the raw address bytes are in this network. */
    public boolean contains(byte[] address) {
        if (address.length != network.length) {
            return false;
        }
        return Arrays.equals(mask(address, prefix), network);
    }

    private static byte[] mask(byte[] address, int prefix) {
        byte[] out = address.clone();
        for (int i = 0; i < out.length; i++) {
            int bits = Math.max(0, Math.min(8, prefix - i * 8));
            out[i] = (byte) (out[i] & (0xff << (8 - bits)));
        }
        return out;
    }

    @Override
    public String toString() {
        return text;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cidr c && prefix == c.prefix && Arrays.equals(network, c.network);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(network) * 31 + prefix;
    }
}
