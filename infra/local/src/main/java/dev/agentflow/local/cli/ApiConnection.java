package dev.agentflow.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.local.LocalCloud;
import dev.agentflow.local.LocalCloudOptions;
import dev.agentflow.local.apigw.LocalJwtKeys;
import dev.agentflow.local.client.ApiClient;
import dev.agentflow.local.client.ApiException;
import dev.agentflow.local.sample.LocalRoutesFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Where a command that talks to AgentFlow's HTTP API ({@code run}, {@code keys}) sends its calls. The API
 * at the endpoint when something listens there — its WebSocket address from {@code GET /_local/endpoints}
 * when it is a local cloud, else {@code --ws-endpoint}, else none (events are then polled) — or, when nothing
 * listens at a loopback endpoint, an embedded local cloud started in this process for the command: its
 * HTTP API on the endpoint's port when free (so the samples' {@code http://127.0.0.1:3000/sample-data/…}
 * URLs reach it), other ports ephemeral, data in the data directory (in memory when another cloud holds it,
 * or with {@code --in-memory}), its log in a temporary file that is deleted afterwards unless the command
 * keeps it ({@link #keepLog()}, when a run failed). While an embedded cloud runs, {@code System.out} and
 * {@code System.err} go to that log, so the command's own stdout stays clean.
 */
final class ApiConnection implements AutoCloseable {

    /** The default endpoint: {@code ./agentflow up}'s HTTP API. */
    static final URI DEFAULT_ENDPOINT = URI.create("http://127.0.0.1:3000");

    /**
     * What to connect to.
     *
     * @param endpoint   the HTTP API base URL
     * @param webSocket  the WebSocket API URL, or null to discover it
     * @param token      bearer token, or null for one signed with the local key
     * @param user       the {@code sub} of a locally signed token
     * @param dataDir    the local cloud's data directory (token key; embedded cloud's data)
     * @param inMemory   an embedded cloud keeps nothing on disk
     * @param template   the SAM template of an embedded cloud, or null to look for one
     * @param verbose    an embedded cloud logs to stderr instead of its log file
     */
    record Options(URI endpoint, URI webSocket, String token, String user, Path dataDir, boolean inMemory, Path template,
                   boolean verbose) {
    }

    final ApiClient api;
    final URI webSocket;
    private final LocalCloud embedded;
    private final Path logFile;
    private final PrintStream systemOut;
    private final PrintStream systemErr;
    private final PrintStream logStream;
    private final boolean temporaryLog;
    private boolean keepLog;

    private ApiConnection(ApiClient api, URI webSocket, LocalCloud embedded, Path logFile, boolean temporaryLog,
                          PrintStream systemOut, PrintStream systemErr, PrintStream logStream) {
        this.temporaryLog = temporaryLog;
        this.api = api;
        this.webSocket = webSocket;
        this.embedded = embedded;
        this.logFile = logFile;
        this.systemOut = systemOut;
        this.systemErr = systemErr;
        this.logStream = logStream;
    }

    /** @return the embedded cloud, or null when the endpoint answered */
    LocalCloud embedded() {
        return embedded;
    }

    /**
     * The embedded cloud's log file, kept after {@link #close()} (otherwise deleted then).
     *
     * @return the file, or null when no embedded cloud runs or it logs to stderr
     */
    Path keepLog() {
        keepLog = true;
        return logFile;
    }

    /**
     * Connects, starting an embedded cloud when nothing listens at a loopback endpoint.
     *
     * @param o   options
     * @param err progress notices
     * @param env the environment (AGENTFLOW_TOKEN, AGENTFLOW_HOME, the token key's variables)
     * @throws ApiException {@link ApiException#UNREACHABLE} for a remote endpoint nobody answers at, or when the
     *                      embedded cloud cannot start
     * @throws IllegalArgumentException for bad options (no template for an embedded cloud, unreadable token key)
     */
    static ApiConnection open(Options o, PrintStream err, Map<String, String> env) throws InterruptedException {
        URI endpoint = o.endpoint();
        if (listening(endpoint)) {
            String token = token(o, env);
            URI ws = o.webSocket() != null ? o.webSocket() : discoverWebSocket(endpoint);
            return new ApiConnection(new ApiClient(endpoint, token), ws, null, null, false, null, null, null);
        }
        if (!loopback(endpoint.getHost())) {
            throw new ApiException(0, ApiException.UNREACHABLE, "Nothing answers at " + endpoint + ".", null);
        }
        return startEmbedded(o, err, env);
    }

    private static ApiConnection startEmbedded(Options o, PrintStream err, Map<String, String> env)
            throws InterruptedException {
        Path template = template(o, env);
        err.println("No AgentFlow API at " + o.endpoint() + ": starting a local cloud in this process for the command"
                + " (./agentflow up keeps one running).");
        err.flush();
        PrintStream systemOut = System.out;
        PrintStream systemErr = System.err;
        Path logFile = null;
        PrintStream log;
        boolean inMemory = o.inMemory();
        try {
            if (o.verbose()) {
                log = systemErr;
            } else {
                logFile = Files.createTempFile("agentflow-cloud-", ".log");
                log = new PrintStream(Files.newOutputStream(logFile), true, StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot write the local cloud's log: " + e.getMessage());
        }
        // DynamoDB Local and in-process handlers print on System.out/err: keep them off the command's output
        System.setOut(log);
        System.setErr(log);
        LocalCloud cloud = null;
        try {
            int port = o.endpoint().getPort() < 0 ? 80 : o.endpoint().getPort();
            LocalCloudOptions options = LocalCloudOptions.defaults().withTemplate(template).withEdgePort(0)
                    .withHttpApiPort(port).withDataDirectory(o.dataDir()).withInMemory(inMemory)
                    .withParameterOverrides(UpCommand.LOCAL_PARAMETER_DEFAULTS).withLog(log);
            try {
                cloud = LocalCloud.start(options);
            } catch (IllegalStateException inUse) {
                // the data directory is locked by another cloud: this one keeps its data in memory
                cloud = LocalCloud.start(options.withInMemory(true));
                err.println("(the data directory " + o.dataDir() + " is in use: this run keeps its data in memory)");
            } catch (RuntimeException portTaken) {
                cloud = LocalCloud.start(options.withHttpApiPort(0));
            }
            String token = o.token() != null ? o.token() : env.getOrDefault("AGENTFLOW_TOKEN", null);
            if (token == null || token.isBlank()) {
                token = cloud.jwt().sign(o.user(), Duration.ofHours(12));
            }
            return new ApiConnection(new ApiClient(cloud.httpApiEndpoint(), token), cloud.webSocketEndpoint(), cloud,
                    logFile, true, systemOut, systemErr, log);
        } catch (IOException | RuntimeException e) {
            System.setOut(systemOut);
            System.setErr(systemErr);
            closeQuietly(cloud);
            throw new ApiException(0, ApiException.UNREACHABLE, "The local cloud did not start: " + e.getMessage()
                    + (logFile == null ? "" : " (log: " + logFile + ")"), null);
        }
    }

    private static Path template(Options o, Map<String, String> env) {
        if (o.template() != null) {
            if (!Files.isRegularFile(o.template())) {
                throw new IllegalArgumentException("no template at " + o.template());
            }
            return o.template();
        }
        Path home = env.get("AGENTFLOW_HOME") == null ? null : Path.of(env.get("AGENTFLOW_HOME"), "template.yaml");
        for (Path candidate : new Path[] {home, Path.of("template.yaml")}) {
            if (candidate != null && Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("no template.yaml to start a local cloud with: run from the repository root,"
                + " pass --template PATH, or start one with ./agentflow up");
    }

    private static String token(Options o, Map<String, String> env) {
        if (o.token() != null && !o.token().isBlank()) {
            return o.token();
        }
        String fromEnv = env.get("AGENTFLOW_TOKEN");
        if (fromEnv != null && !fromEnv.isBlank()) {
            return fromEnv.trim();
        }
        try {
            return LocalJwtKeys.load(o.dataDir(), env).sign(o.user(), Duration.ofHours(12));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the local token key (pass --token or set AGENTFLOW_TOKEN): "
                    + e.getMessage());
        }
    }

    /** Whether something accepts TCP connections at the endpoint's host and port. */
    static boolean listening(URI endpoint) {
        int port = endpoint.getPort() >= 0 ? endpoint.getPort() : "https".equals(endpoint.getScheme()) ? 443 : 80;
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(endpoint.getHost(), port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean loopback(String host) {
        try {
            return host != null && (host.equalsIgnoreCase("localhost") || InetAddress.getByName(host).isLoopbackAddress());
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The WebSocket address a local cloud announces at {@code GET /_local/endpoints}; null when none does. */
    private static URI discoverWebSocket(URI endpoint) throws InterruptedException {
        try {
            HttpResponse<String> r = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build().send(
                    HttpRequest.newBuilder(URI.create(endpoint.toString().replaceAll("/+$", "") + LocalRoutesFactory.ENDPOINTS_PATH))
                            .timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() != 200) {
                return null;
            }
            JsonNode json = Json.parse(r.body());
            return json.path("webSocket").isTextual() ? URI.create(json.path("webSocket").asText()) : null;
        } catch (IOException | IllegalArgumentException e) {
            return null;
        }
    }

    /** Stops the embedded cloud (if any) and gives System.out/err back. */
    @Override
    public void close() {
        if (embedded != null) {
            closeQuietly(embedded);
            System.setOut(systemOut);
            System.setErr(systemErr);
            if (logStream != null && logStream != systemErr) {
                logStream.close();
                if (temporaryLog && !keepLog && logFile != null) {
                    try {
                        Files.deleteIfExists(logFile);
                    } catch (IOException e) {
                        // a temporary file: the system cleans it up eventually
                    }
                }
            }
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c == null) {
            return;
        }
        try {
            c.close();
        } catch (Exception e) {
            // stopping: nothing more to do
        }
    }
}
