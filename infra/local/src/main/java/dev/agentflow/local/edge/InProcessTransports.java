package dev.agentflow.local.edge;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import software.amazon.awssdk.http.SdkHttpClient;

/**
 * The JVM's registry of endpoints served in-process, as the functions' {@code dev.agentflow.shared.aws.AwsHttp}
 * reads it. The contract has JDK and AWS SDK types only (the local cloud cannot compile against the functions):
 * while anything is registered, the system property {@value #PROPERTY} names this class, and {@code AwsHttp}
 * instantiates it (public no-argument constructor) and asks {@link #apply(URI)} for the {@link SdkHttpClient} of
 * an endpoint; {@code null} means "use HTTP". Endpoints are keyed by scheme, host and port ({@code
 * http://127.0.0.1:4566} and {@code http://localhost:4566} are two keys), so several local clouds on different
 * ports share one JVM. Switched off with {@code -D}{@value #SWITCH}{@code =false}.
 */
public final class InProcessTransports implements Function<URI, SdkHttpClient> {

  /** The system property the functions read: {@code AwsHttp.TRANSPORT_PROPERTY}. */
  public static final String PROPERTY = "agentflow.aws.inProcessTransport";
  /** The switch: {@code false} keeps every AWS call of the functions on the edge's HTTP port. */
  public static final String SWITCH = "agentflow.local.inProcessAws";

  private static final Map<String, SdkHttpClient> CLIENTS = new ConcurrentHashMap<>();

  /** The instance {@code AwsHttp} creates; all state is the JVM's registry. */
  public InProcessTransports() {}

  /**
   * @param endpoint an endpoint URL (path and query ignored)
   * @return the in-process client serving it, or {@code null}
   */
  @Override
  public SdkHttpClient apply(URI endpoint) {
    return endpoint == null ? null : CLIENTS.get(key(endpoint));
  }

  /** @return false when {@code -D}{@value #SWITCH}{@code =false} is set */
  public static boolean enabled() {
    return !"false".equalsIgnoreCase(System.getProperty(SWITCH, "true").trim());
  }

  /**
   * Serves {@code endpoints} with {@code client} until the returned handle is closed, and sets {@value #PROPERTY}.
   * Clients built while registered keep their transport for their life.
   *
   * @param client the in-process client
   * @param endpoints the endpoints it serves, e.g. {@code http://127.0.0.1:4566}
   * @return closing it unregisters these endpoints (and clears {@value #PROPERTY} when none is left)
   */
  public static synchronized AutoCloseable register(SdkHttpClient client, URI... endpoints) {
    List<String> keys = new ArrayList<>();
    for (URI endpoint : endpoints) {
      String key = key(endpoint);
      CLIENTS.put(key, client);
      keys.add(key);
    }
    System.setProperty(PROPERTY, InProcessTransports.class.getName());
    return () -> unregister(client, keys);
  }

  private static synchronized void unregister(SdkHttpClient client, List<String> keys) {
    keys.forEach(key -> CLIENTS.remove(key, client));
    if (CLIENTS.isEmpty() && InProcessTransports.class.getName().equals(System.getProperty(PROPERTY))) {
      System.clearProperty(PROPERTY);
    }
  }

  /** {@code scheme://host:port}, lower case, default port filled in (as {@code AwsHttp} normalizes). */
  static String key(URI endpoint) {
    String scheme = endpoint.getScheme() == null ? "https" : endpoint.getScheme().toLowerCase(Locale.ROOT);
    int port = endpoint.getPort() >= 0 ? endpoint.getPort() : scheme.equals("http") ? 80 : 443;
    String host = endpoint.getHost() == null ? "" : endpoint.getHost().toLowerCase(Locale.ROOT);
    return scheme + "://" + host + ":" + port;
  }
}
