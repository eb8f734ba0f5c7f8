package dev.agentflow.shared.secrets;

import dev.agentflow.shared.keys.SecretValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueRequest;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * {@link SecretReader} on Secrets Manager {@code GetSecretValue}, cached per container for a while so a
 * warm function does not call Secrets Manager on every invocation (rotation shows up after {@code ttl}).
 */
public final class SecretsManagerSecretReader implements SecretReader {

    private final SecretsManagerClient client;
    private final Clock clock;
    private final Duration ttl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<SecretValue> value, Instant until) {
    }

    /**
     * @param client client, built once per container
     * @param clock  clock for the cache
     * @param ttl    how long a value is reused
     */
    public SecretsManagerSecretReader(SecretsManagerClient client, Clock clock, Duration ttl) {
        this.client = client;
        this.clock = clock;
        this.ttl = ttl;
    }

    @Override
    public Optional<SecretValue> read(String secretId) {
        Instant now = clock.instant();
        Cached cached = cache.get(secretId);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.value();
        }
        Optional<SecretValue> value;
        try {
            String text = client.getSecretValue(GetSecretValueRequest.builder().secretId(secretId).build()).secretString();
            value = text == null || text.isBlank() ? Optional.empty() : Optional.of(SecretValue.of(text));
        } catch (ResourceNotFoundException e) {
            value = Optional.empty();
        }
        cache.put(secretId, new Cached(value, now.plus(ttl)));
        return value;
    }
}
