import com.sun.net.httpserver.HttpServer;
import dev.agentflow.nodes.HttpNodeHandler;
import dev.agentflow.nodes.LlmNodeHandler;
import dev.agentflow.nodes.TransformNodeHandler;
import dev.agentflow.nodes.llm.ChatRequest;
import dev.agentflow.nodes.llm.LlmCallException;
import dev.agentflow.nodes.llm.LlmEndpoint;
import dev.agentflow.nodes.llm.OpenAiChatClient;
import dev.agentflow.shared.keys.SecretValue;
import dev.agentflow.shared.llm.LlmProvider;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs against the packaged nodes-lambda.jar only (see smoke-lambda-jar.sh): builds each handler the
 * way Lambda does and drives the trimmed openai-java through every path the llm node uses (plain,
 * streamed, 401, 429, malformed, Azure credential). Exits non-zero on the first surprise.
 */
public final class LambdaJarSmoke {

    private static final List<String> BODIES = List.of(
            "{\"id\":\"c\",\"object\":\"chat.completion\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\"plain ok\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}}",
            "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[{\"index\":0,\"delta\":{\"content\":\"stream ok\"},\"finish_reason\":\"stop\"}]}\n\n"
                    + "data: {\"id\":\"c\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":[],\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":2,\"total_tokens\":3}}\n\ndata: [DONE]\n\n",
            "{\"error\":{\"message\":\"bad key\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}",
            "{\"error\":{\"message\":\"slow down\",\"type\":\"requests\",\"code\":\"rate_limit\"}}",
            "{\"nope\":1}");
    private static final int[] STATUS = {200, 200, 401, 429, 200};

    public static void main(String[] args) throws Exception {
        Map<String, String> env = Map.of("AWS_REGION", "us-east-1", "EXECUTIONS_TABLE", "t", "API_KEYS_TABLE", "k",
                "API_KEYS_KMS_KEY_ID", "alias/x", "PLATFORM_LLM_SECRET_ID", "s", "AWS_ENDPOINT_URL", "http://127.0.0.1:1");
        new LlmNodeHandler(env);
        new HttpNodeHandler(env);
        new TransformNodeHandler(env);
        System.out.println("handlers construct");

        AtomicInteger n = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", ex -> {
            ex.getRequestBody().readAllBytes();
            int i = Math.min(n.getAndIncrement(), BODIES.size() - 1);
            byte[] bytes = BODIES.get(i).getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", i == 1 ? "text/event-stream" : "application/json");
            ex.sendResponseHeaders(STATUS[i], bytes.length);
            ex.getResponseBody().write(bytes);
            ex.close();
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1";
            OpenAiChatClient client = OpenAiChatClient.create();
            LlmEndpoint openai = new LlmEndpoint(LlmProvider.OPENAI, url, SecretValue.of("sk-smoke-000000000000"), "smoke");
            LlmEndpoint azure = new LlmEndpoint(LlmProvider.AZURE, url, SecretValue.of("sk-smoke-000000000000"), "smoke");
            check("plain ok".equals(client.complete(new ChatRequest("m", "s", "hi", 0.2, 10L, false), openai, Duration.ofSeconds(10), null).text()), "plain");
            StringBuilder deltas = new StringBuilder();
            check("stream ok".equals(client.complete(new ChatRequest("m", null, "hi", null, null, true), openai, Duration.ofSeconds(10), deltas::append).text())
                    && deltas.toString().equals("stream ok"), "stream");
            expect(client, openai, LlmCallException.Kind.AUTH);
            expect(client, openai, LlmCallException.Kind.RETRYABLE);
            expect(client, azure, LlmCallException.Kind.MALFORMED);
            System.out.println("openai-java paths ok");
        } finally {
            server.stop(0);
        }
        System.exit(0);
    }

    private static void expect(OpenAiChatClient client, LlmEndpoint endpoint, LlmCallException.Kind kind) {
        try {
            client.complete(new ChatRequest("m", null, "hi", null, 5L, false), endpoint, Duration.ofSeconds(10), null);
            check(false, kind + " expected, got a completion");
        } catch (LlmCallException e) {
            check(e.kind() == kind, kind + " expected, got " + e.kind() + ": " + e.getMessage());
        }
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            System.err.println("SMOKE FAILED: " + what);
            System.exit(1);
        }
    }
}
