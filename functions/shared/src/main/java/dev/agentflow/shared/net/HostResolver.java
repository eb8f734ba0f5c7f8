package dev.agentflow.shared.net;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/** Resolves a host name to every address it has (the system resolver in production). */
@FunctionalInterface
public interface HostResolver {

    /** Every address of the host. @throws UnknownHostException when it does not resolve */
    List<InetAddress> resolve(String host) throws UnknownHostException;

    /**
     * The JVM resolver. The JDK HTTP client connects through the same JVM address cache
     * ({@code networkaddress.cache.ttl}), so the addresses checked are the ones it connects to.
     */
    static HostResolver system() {
        return host -> List.of(InetAddress.getAllByName(host));
    }
}
