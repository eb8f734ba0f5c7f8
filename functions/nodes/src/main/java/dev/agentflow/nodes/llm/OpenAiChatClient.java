package dev.agentflow.nodes.llm;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.azure.credential.AzureApiKeyCredential;
import com.openai.client.OpenAIClient;
import com.openai.client.okhttp.OpenAIOkHttpClient;
import com.openai.core.LogLevel;
import com.openai.core.Timeout;
import com.openai.core.http.StreamResponse;
import com.openai.errors.OpenAIException;
import com.openai.errors.OpenAIInvalidDataException;
import com.openai.errors.OpenAIIoException;
import com.openai.errors.OpenAIServiceException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.openai.models.chat.completions.ChatCompletionStreamOptions;
import com.openai.models.completions.CompletionUsage;
import dev.agentflow.shared.llm.LlmProvider;
import java.io.InterruptedIOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * {@link ChatClient} on the official openai-java SDK. One SDK client (one OkHttp connection pool) is built
 * per container; each call derives a client with the call's base URL, key and timeout through
 * {@code withOptions}, which shares that pool. The SDK's own retries are off: the executor retries with
 * its deadline in mind. Azure gets its {@code api-key} header credential.
 */
public final class OpenAiChatClient implements ChatClient {

    private final OpenAIClient base;

    /** @param base an SDK client to derive per-call clients from (see {@link #create()}) */
    public OpenAiChatClient(OpenAIClient base) {
        this.base = base;
    }

    /** A client with an OkHttp pool, no SDK retries, no SDK logging and eager response validation. */
    public static OpenAiChatClient create() {
        return new OpenAiChatClient(OpenAIOkHttpClient.builder()
                .apiKey("unset")
                .maxRetries(0)
                .logLevel(LogLevel.OFF)
                .responseValidation(true)
                .build());
    }

    @Override
    public ChatResult complete(ChatRequest request, LlmEndpoint endpoint, Duration timeout, Consumer<String> onDelta) {
        Duration connect = timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10);
        OpenAIClient client = base.withOptions(options -> {
            options.baseUrl(endpoint.baseUrl());
            if (endpoint.provider() == LlmProvider.AZURE) {
                options.credential(AzureApiKeyCredential.create(endpoint.apiKey().reveal()));
            } else {
                options.apiKey(endpoint.apiKey().reveal());
            }
            options.maxRetries(0);
            options.timeout(Timeout.builder().connect(connect).read(timeout).write(timeout).request(timeout).build());
        });
        ChatCompletionCreateParams params = params(request, endpoint.provider());
        AtomicBoolean delivered = new AtomicBoolean();
        try {
            return request.stream() ? stream(client, params, onDelta, delivered) : once(client, params);
        } catch (OpenAIServiceException e) {
            throw classify(e, delivered.get());
        } catch (OpenAIInvalidDataException e) {
            throw new LlmCallException(LlmCallException.Kind.MALFORMED, 0,
                    "the provider's response is not a valid chat completion: " + e.getMessage(), null, delivered.get(), e);
        } catch (OpenAIIoException e) {
            boolean timedOut = e.getCause() instanceof InterruptedIOException;
            throw new LlmCallException(timedOut ? LlmCallException.Kind.TIMEOUT : LlmCallException.Kind.RETRYABLE, 0,
                    (timedOut ? "the provider did not answer in time" : "network error") + ": " + e.getMessage(), null,
                    delivered.get(), e);
        } catch (OpenAIException e) {
            throw new LlmCallException(LlmCallException.Kind.MALFORMED, 0, e.getMessage(), null, delivered.get(), e);
        }
    }

    private static ChatCompletionCreateParams params(ChatRequest request, LlmProvider provider) {
        ChatCompletionCreateParams.Builder params = ChatCompletionCreateParams.builder().model(request.model());
        if (request.systemPrompt() != null && !request.systemPrompt().isBlank()) {
            params.addSystemMessage(request.systemPrompt());
        }
        params.addUserMessage(request.userPrompt());
        if (request.temperature() != null) {
            params.temperature(request.temperature());
        }
        if (request.maxTokens() != null) {
            if (provider.usesMaxCompletionTokens()) {
                params.maxCompletionTokens(request.maxTokens());
            } else {
                params.maxTokens(request.maxTokens());
            }
        }
        if (request.stream()) {
            params.streamOptions(ChatCompletionStreamOptions.builder().includeUsage(true).build());
        }
        return params.build();
    }

    private static ChatResult once(OpenAIClient client, ChatCompletionCreateParams params) {
        ChatCompletion completion = client.chat().completions().create(params);
        if (completion.choices().isEmpty()) {
            throw new LlmCallException(LlmCallException.Kind.MALFORMED, 0, "the provider returned no choices", null, false, null);
        }
        ChatCompletion.Choice choice = completion.choices().get(0);
        String text = choice.message().content().or(() -> choice.message().refusal()).orElse("");
        Optional<CompletionUsage> usage = completion.usage();
        return new ChatResult(text, completion.model(), choice.finishReason().asString(),
                usage.map(CompletionUsage::promptTokens).orElse(0L),
                usage.map(CompletionUsage::completionTokens).orElse(0L),
                usage.map(CompletionUsage::totalTokens).orElse(0L));
    }

    private static ChatResult stream(OpenAIClient client, ChatCompletionCreateParams params, Consumer<String> onDelta,
                                     AtomicBoolean delivered) {
        StringBuilder text = new StringBuilder();
        String[] model = {null};
        String[] finish = {null};
        CompletionUsage[] usage = {null};
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(params)) {
            stream.stream().forEach(chunk -> {
                if (chunk.model() != null && !chunk.model().isBlank()) {
                    model[0] = chunk.model();
                }
                chunk.usage().ifPresent(u -> usage[0] = u);
                for (ChatCompletionChunk.Choice choice : chunk.choices()) {
                    if (choice.index() != 0) {
                        continue;
                    }
                    choice.delta().content().ifPresent(delta -> {
                        if (!delta.isEmpty()) {
                            text.append(delta);
                            delivered.set(true);
                            if (onDelta != null) {
                                onDelta.accept(delta);
                            }
                        }
                    });
                    choice.finishReason().ifPresent(r -> finish[0] = r.asString());
                }
            });
        }
        if (model[0] == null && finish[0] == null && text.length() == 0) {
            throw new LlmCallException(LlmCallException.Kind.MALFORMED, 0, "the provider's stream carried no completion",
                    null, false, null);
        }
        return new ChatResult(text.toString(), model[0], finish[0],
                usage[0] == null ? 0 : usage[0].promptTokens(),
                usage[0] == null ? 0 : usage[0].completionTokens(),
                usage[0] == null ? 0 : usage[0].totalTokens());
    }

    private static LlmCallException classify(OpenAIServiceException e, boolean delivered) {
        int status = e.statusCode();
        LlmCallException.Kind kind;
        if (status == 401 || status == 403) {
            kind = LlmCallException.Kind.AUTH;
        } else if (status == 408 || status == 409 || status == 429 || status >= 500) {
            kind = LlmCallException.Kind.RETRYABLE;
        } else {
            kind = LlmCallException.Kind.REJECTED;
        }
        return new LlmCallException(kind, status, status + " " + providerMessage(e), retryAfter(e), delivered, e);
    }

    /** The provider's {@code error.message}, else the SDK's message. */
    private static String providerMessage(OpenAIServiceException e) {
        try {
            JsonNode body = e.body().convert(JsonNode.class);
            if (body != null) {
                JsonNode message = body.path("error").path("message");
                if (message.isTextual()) {
                    return message.asText();
                }
                if (body.path("message").isTextual()) {
                    return body.path("message").asText();
                }
            }
        } catch (RuntimeException conversion) {
            return e.getMessage();
        }
        return e.getMessage();
    }

    private static Duration retryAfter(OpenAIServiceException e) {
        for (String value : e.headers().values("retry-after")) {
            try {
                return Duration.ofMillis((long) (Double.parseDouble(value.trim()) * 1000));
            } catch (NumberFormatException ignored) {
                return null; // an HTTP-date Retry-After: fall back to our own backoff
            }
        }
        return null;
    }
}
