package dev.agentflow.shared.net;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;

/**
 * Checks a URL before a request is sent to it: http or https only, a host, and every address the host
 * resolves to permitted by the {@link AddressPolicy}. Callers check again on each redirect.
 */
public final class UrlGuard {

    /** Why a URL was refused; the message is safe to show the user. */
    public static final class Refused extends Exception {
        /** @param message a sentence for the user */
        public Refused(String message, Throwable cause) {
            super(message, cause);
        }
    }

    private final AddressPolicy policy;
    private final HostResolver resolver;

    /** @param policy which addresses may be reached; @param resolver DNS */
    public UrlGuard(AddressPolicy policy, HostResolver resolver) {
        this.policy = policy;
        this.resolver = resolver;
    }

    /**
     * Checks a URL.
     *
     * @throws Refused when the scheme is not http(s), the host is missing or does not resolve, or any of
     *                 its addresses is refused
     */
    public void check(URI uri) throws Refused {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new Refused("Only http and https URLs are allowed, not '" + uri.getScheme() + "'", null);
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new Refused("The URL has no host: " + uri, null);
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            throw new Refused("Host " + bare + " could not be resolved", e);
        }
        if (addresses.isEmpty()) {
            throw new Refused("Host " + bare + " could not be resolved", null);
        }
        for (InetAddress address : addresses) {
            var refusal = policy.refusal(address);
            if (refusal.isPresent()) {
                throw new Refused("Refused to connect to " + bare + " (" + address.getHostAddress() + "): it is "
                        + refusal.get() + ", which workflows may not reach", null);
            }
        }
    }
}
