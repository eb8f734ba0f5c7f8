package dev.agentflow.nodes.http;

import dev.agentflow.shared.net.AddressPolicy;
import java.time.Duration;
import java.util.Map;

/**
 * Limits of the HTTP node.
 *
 * @param addressPolicy  the SSRF guard's policy
 * @param maxBodyBytes   largest response body read; larger ones fail with HTTP_REQUEST_FAILED
 * @param maxRedirects   redirects followed (each one checked by the guard)
 * @param defaultTimeout request timeout when {@code config.timeout} is absent
 */
public record HttpNodeSettings(AddressPolicy addressPolicy, long maxBodyBytes, int maxRedirects, Duration defaultTimeout) {

    /** Allow-list of networks, comma-separated CIDRs (the local cloud: {@code 127.0.0.0/8}). */
    public static final String ALLOWED_NETWORKS_ENV = "HTTP_NODE_ALLOWED_NETWORKS";
    /** 5 MiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 5L * 1024 * 1024;
    /** Redirects followed at most. */
    public static final int DEFAULT_MAX_REDIRECTS = 5;
    /** Request timeout when the node sets none. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    /** Settings from the environment ({@value #ALLOWED_NETWORKS_ENV}); the rest are defaults. */
    public static HttpNodeSettings fromEnvironment(Map<String, String> env) {
        return new HttpNodeSettings(AddressPolicy.allowing(env.get(ALLOWED_NETWORKS_ENV)), DEFAULT_MAX_BODY_BYTES,
                DEFAULT_MAX_REDIRECTS, DEFAULT_TIMEOUT);
    }
}
