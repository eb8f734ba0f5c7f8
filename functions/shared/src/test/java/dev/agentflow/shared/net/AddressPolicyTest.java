package dev.agentflow.shared.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {

    private static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "10.0.0.1", "10.255.255.255", "172.16.0.1", "172.31.255.254",
            "192.168.1.1", "169.254.169.254", "169.254.0.1", "100.64.0.1", "100.127.255.255", "0.0.0.0", "224.0.0.1",
            "239.255.255.250", "255.255.255.255", "198.18.0.1", "192.0.2.10",
            "::1", "::", "fc00::1", "fd00:ec2::254", "fe80::1", "ff02::1", "2001:db8::1",
            "::ffff:127.0.0.1", "::ffff:169.254.169.254", "::ffff:10.1.2.3", "64:ff9b::a9fe:a9fe", "2002:a9fe:a9fe::1",
            "::127.0.0.1"})
    void refusal_whenInternalAddress_shouldRefuse(String address) {
        assertTrue(AddressPolicy.strict().refusal(ip(address)).isPresent(), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"93.184.216.34", "8.8.8.8", "1.1.1.1", "172.32.0.1", "100.128.0.1", "2606:4700:4700::1111",
            "::ffff:8.8.8.8", "64:ff9b::808:808"})
    void refusal_whenPublicAddress_shouldAllow(String address) {
        assertTrue(AddressPolicy.strict().refusal(ip(address)).isEmpty(), address);
    }

    @Test
    void refusal_whenAllowListed_shouldAllowOnlyThoseNetworks() {
        AddressPolicy local = AddressPolicy.allowing("127.0.0.0/8, ::1");

        assertTrue(local.refusal(ip("127.0.0.1")).isEmpty());
        assertTrue(local.refusal(ip("::1")).isEmpty());
        assertTrue(local.refusal(ip("::ffff:127.0.0.1")).isEmpty());
        assertTrue(local.refusal(ip("169.254.169.254")).isPresent());
        assertTrue(local.refusal(ip("10.0.0.1")).isPresent());
    }

    @Test
    void refusal_shouldNameTheRange() {
        assertEquals("a link-local address (instance metadata) (169.254.0.0/16)",
                AddressPolicy.strict().refusal(ip("169.254.169.254")).orElseThrow());
    }

    @Test
    void allowing_whenEntryIsNotAnIpNetwork_shouldFailWithoutDnsLookup() {
        assertThrows(IllegalArgumentException.class, () -> AddressPolicy.allowing("localhost"));
        assertThrows(IllegalArgumentException.class, () -> AddressPolicy.allowing("10.0.0.0/33"));
    }

    @Test
    void check_whenHostResolvesToAnyRefusedAddress_shouldRefuse() {
        UrlGuard guard = new UrlGuard(AddressPolicy.strict(),
                host -> List.of(ip("93.184.216.34"), ip("10.0.0.7")));

        UrlGuard.Refused e = assertThrows(UrlGuard.Refused.class, () -> guard.check(URI.create("https://rebind.example/x")));
        assertTrue(e.getMessage().contains("10.0.0.7"), e.getMessage());
    }

    @Test
    void check_whenSchemeIsNotHttp_shouldRefuse() {
        UrlGuard guard = new UrlGuard(AddressPolicy.strict(), host -> List.of(ip("93.184.216.34")));

        assertThrows(UrlGuard.Refused.class, () -> guard.check(URI.create("file:///etc/passwd")));
        assertThrows(UrlGuard.Refused.class, () -> guard.check(URI.create("gopher://example.com/")));
    }
}
