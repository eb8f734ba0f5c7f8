package dev.agentflow.nodes;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.agentflow.nodes.llm.Backoff;
import dev.agentflow.nodes.llm.EnvPlatformKeySource;
import dev.agentflow.nodes.llm.LlmCredentialResolver;
import dev.agentflow.nodes.llm.LlmNodeExecutor;
import dev.agentflow.nodes.llm.OpenAiChatClient;
import dev.agentflow.nodes.llm.PlatformKeySource;
import dev.agentflow.nodes.llm.SecretsManagerPlatformKeySource;
import dev.agentflow.nodes.llm.Sleeper;
import dev.agentflow.shared.net.AddressPolicy;
import dev.agentflow.shared.net.HostResolver;
import dev.agentflow.shared.net.UrlGuard;
import dev.agentflow.nodes.runtime.LambdaTime;
import dev.agentflow.nodes.runtime.NodeExecutor;
import dev.agentflow.nodes.runtime.NodeRunner;
import dev.agentflow.nodes.runtime.NodeWiring;
import dev.agentflow.shared.config.AppConfig;
import dev.agentflow.shared.keys.KeyVault;
import dev.agentflow.shared.keys.KmsKeyCipher;
import dev.agentflow.shared.secrets.SecretsManagerSecretReader;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * NodeLlmFunction ({@code ${NodeLlmFunctionArn}}): runs llm nodes; the only function allowed to decrypt
 * users' API keys. Input {@code {execution, node, state}}; output {@code {output: {text}, metadata:
 * {tokensUsed, model, finishReason, durationMs}}}; failures LlmApiError / LlmAuthError / NodeTimeout….
 * Environment: EXECUTIONS_TABLE, API_KEYS_TABLE, API_KEYS_KMS_KEY_ID, PLATFORM_LLM_SECRET_ID,
 * OPENAI_API_KEY / OPENAI_BASE_URL (local platform key), LLM_ALLOWED_NETWORKS, AWS_ENDPOINT_URL.
 */
public final class LlmNodeHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    /** Networks a user-supplied baseUrl may reach despite the SSRF guard (e.g. 127.0.0.0/8 for a local Ollama). */
    public static final String ALLOWED_NETWORKS_ENV = "LLM_ALLOWED_NETWORKS";

    private final NodeRunner runner;
    private final NodeExecutor executor;

    /** Lambda's constructor: builds clients once per container from the environment. */
    public LlmNodeHandler() {
        this(System.getenv());
    }

    /** Builds real clients from the given environment (what Lambda's would hold); used by the no-argument constructor. */
    public LlmNodeHandler(Map<String, String> env) {
        this(NodeWiring.fromEnvironment(env));
    }

    private LlmNodeHandler(NodeWiring wiring) {
        this(wiring.runner(), new LlmNodeExecutor(credentials(wiring), OpenAiChatClient.create(), Backoff.defaults(),
                Sleeper.system()));
    }

    /** For tests: explicit collaborators. */
    public LlmNodeHandler(NodeRunner runner, NodeExecutor executor) {
        this.runner = runner;
        this.executor = executor;
    }

    private static LlmCredentialResolver credentials(NodeWiring wiring) {
        AppConfig config = wiring.config();
        KeyVault vault = config.apiKeysTable() == null || config.apiKeysKmsKeyId() == null ? null
                : new KeyVault(wiring.dynamo(), config.apiKeysTable(),
                        new KmsKeyCipher(wiring.clients().kms(), config.apiKeysKmsKeyId()), Clock.systemUTC());
        List<PlatformKeySource> sources = new ArrayList<>();
        sources.add(new EnvPlatformKeySource(wiring.env()));
        if (config.platformLlmSecretId() != null) {
            sources.add(new SecretsManagerPlatformKeySource(new SecretsManagerSecretReader(
                    wiring.clients().secretsManager(), Clock.systemUTC(), Duration.ofMinutes(5)), config.platformLlmSecretId()));
        }
        UrlGuard baseUrlGuard = new UrlGuard(AddressPolicy.allowing(wiring.env().get(ALLOWED_NETWORKS_ENV)), HostResolver.system());
        return new LlmCredentialResolver(vault, PlatformKeySource.firstOf(sources), baseUrlGuard);
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        return runner.run(input, executor, LambdaTime.remaining(context));
    }
}
