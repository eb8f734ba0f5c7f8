package dev.agentflow.shared.aws;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme;
import software.amazon.awssdk.http.auth.spi.scheme.AuthScheme;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignRequest;
import software.amazon.awssdk.http.auth.spi.signer.AsyncSignedRequest;
import software.amazon.awssdk.http.auth.spi.signer.HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignRequest;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.identity.spi.IdentityProviders;
import software.amazon.awssdk.regions.Region;

/**
 * Where every AWS SDK client of the functions gets its HTTP transport and credentials. By default (production,
 * and anything not registered) a new {@link UrlConnectionHttpClient} (fast cold start) and the
 * {@link DefaultCredentialsProvider} chain, exactly as the clients were built before.
 *
 * <p>An embedding host — the local cloud, which runs the handlers in its own JVM — may serve an endpoint
 * in-process instead of over loopback HTTP. The contract uses JDK and AWS SDK types only, so the host needs no
 * compile-time view of this module (the local cloud has the functions on its runtime classpath only):
 * <ul>
 *   <li>the system property {@value #TRANSPORT_PROPERTY} names a class with a public no-argument constructor
 *       implementing {@code java.util.function.Function<java.net.URI, software.amazon.awssdk.http.SdkHttpClient>};
 *   <li>that function answers the {@link SdkHttpClient} serving an endpoint (scheme, host and port matter), or
 *       {@code null} when it serves none (then the default applies).
 * </ul>
 * The lookup happens once per client built (a handler builds its clients once per container), not per
 * request. A client on an in-process transport does not sign: {@link AnonymousCredentialsProvider} (the default
 * chain's look-ups would only cost time) and {@link #UNSIGNED_SIGV4}, a SigV4 auth scheme whose signer leaves the
 * request as it is (the SDK's own SigV4 signer, even with anonymous credentials, still reads and hashes the whole
 * payload: a copy of every request body). The host accepts unsigned requests as it accepts any signature; signing
 * was a sixth of an in-process call's CPU. Without the property this class costs one {@code System.getProperty}.
 */
public final class AwsHttp {

    /** System property naming the in-process transport registry class (unset in production). */
    public static final String TRANSPORT_PROPERTY = "agentflow.aws.inProcessTransport";

    private static final System.Logger LOG = System.getLogger(AwsHttp.class.getName());
    private static final ConcurrentHashMap<String, Optional<Function<URI, ?>>> REGISTRIES = new ConcurrentHashMap<>();

    private AwsHttp() {
    }

    /**
     * The transport for clients of one endpoint.
     *
     * @param httpClient  the HTTP client to hand the SDK builder (the SDK does not close a client it was given)
     * @param credentials the credentials provider
     * @param inProcess   whether {@code httpClient} is a registered in-process transport
     */
    public record Transport(SdkHttpClient httpClient, AwsCredentialsProvider credentials, boolean inProcess) {

        /**
         * Sets region, credentials, HTTP client and (when not null) the endpoint override on an SDK builder.
         *
         * @param builder  e.g. {@code DynamoDbClient.builder()}
         * @param region   e.g. {@code eu-west-1}
         * @param endpoint the endpoint override, or null for the public endpoint
         * @return the builder
         */
        public <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder, String region,
                                                                                          URI endpoint) {
            builder.region(Region.of(region)).credentialsProvider(credentials).httpClient(httpClient);
            if (inProcess) {
                builder.putAuthScheme(UNSIGNED_SIGV4);
            }
            if (endpoint != null) {
                builder.endpointOverride(endpoint);
            }
            return builder;
        }
    }

    /** The SigV4 scheme (same id, so every SigV4 operation picks it) with a signer that leaves the request as it is. */
    static final AuthScheme<AwsCredentialsIdentity> UNSIGNED_SIGV4 = new AuthScheme<>() {
        @Override
        public String schemeId() {
            return AwsV4AuthScheme.SCHEME_ID;
        }

        @Override
        public IdentityProvider<AwsCredentialsIdentity> identityProvider(IdentityProviders providers) {
            return providers.identityProvider(AwsCredentialsIdentity.class);
        }

        @Override
        public HttpSigner<AwsCredentialsIdentity> signer() {
            return UNSIGNED;
        }
    };

    /** Leaves the request and its payload as they are (what {@link HttpSigner#doNotSign()} does). */
    private static final HttpSigner<AwsCredentialsIdentity> UNSIGNED = new HttpSigner<>() {
        @Override
        public SignedRequest sign(SignRequest<? extends AwsCredentialsIdentity> request) {
            return SignedRequest.builder().request(request.request()).payload(request.payload().orElse(null)).build();
        }

        @Override
        public CompletableFuture<AsyncSignedRequest> signAsync(AsyncSignRequest<? extends AwsCredentialsIdentity> request) {
            return CompletableFuture.completedFuture(AsyncSignedRequest.builder().request(request.request())
                    .payload(request.payload().orElse(null)).build());
        }
    };

    /**
     * The transport for clients of {@code endpoint}: the registered in-process one when the host serves that
     * endpoint, otherwise a new {@link UrlConnectionHttpClient} with the default credentials chain.
     *
     * @param endpoint the endpoint override, or null for the public AWS endpoints (never in-process)
     * @return the transport; never null
     */
    public static Transport transport(URI endpoint) {
        SdkHttpClient inProcess = inProcessClient(endpoint);
        if (inProcess != null) {
            return new Transport(inProcess,
                    AnonymousCredentialsProvider.create(), true);
        }
        return new Transport(UrlConnectionHttpClient.builder().build(), DefaultCredentialsProvider.builder().build(),
                false);
    }

    /**
     * The in-process transport registered for {@code endpoint}, if any.
     *
     * @param endpoint an endpoint URL, or null
     * @return the client, or null when none is registered (or the registry named by {@value #TRANSPORT_PROPERTY}
     *     cannot be loaded; that is logged once)
     */
    public static SdkHttpClient inProcessClient(URI endpoint) {
        String registryClass = System.getProperty(TRANSPORT_PROPERTY);
        if (endpoint == null || registryClass == null || registryClass.isBlank()) {
            return null;
        }
        Optional<Function<URI, ?>> registry = REGISTRIES.computeIfAbsent(registryClass.trim(), AwsHttp::load);
        if (registry.isEmpty()) {
            return null;
        }
        Object client = registry.get().apply(normalized(endpoint));
        return client instanceof SdkHttpClient http ? http : null;
    }

    /** {@code scheme://host:port} in lower case, with the scheme's default port filled in; path and query dropped. */
    static URI normalized(URI endpoint) {
        String scheme = endpoint.getScheme() == null ? "https" : endpoint.getScheme().toLowerCase(Locale.ROOT);
        int port = endpoint.getPort() >= 0 ? endpoint.getPort() : scheme.equals("http") ? 80 : 443;
        String host = endpoint.getHost() == null ? "" : endpoint.getHost().toLowerCase(Locale.ROOT);
        return URI.create(scheme + "://" + host + ":" + port);
    }

    private static Optional<Function<URI, ?>> load(String className) {
        for (ClassLoader loader : new ClassLoader[] {AwsHttp.class.getClassLoader(),
                Thread.currentThread().getContextClassLoader()}) {
            if (loader == null) {
                continue;
            }
            try {
                Object registry = Class.forName(className, true, loader).getConstructor().newInstance();
                if (registry instanceof Function<?, ?> function) {
                    @SuppressWarnings("unchecked")
                    Function<URI, ?> typed = (Function<URI, ?>) function;
                    return Optional.of(typed);
                }
            } catch (ReflectiveOperationException | LinkageError e) {
                // try the next loader
            }
        }
        LOG.log(System.Logger.Level.WARNING, TRANSPORT_PROPERTY + "=" + className
                + " is not a loadable java.util.function.Function<URI, SdkHttpClient>; using HTTP");
        return Optional.empty();
    }
}
