package dev.agentflow.shared.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AppConfigTest {

    @Test
    void fromEnvironment_whenVariablesSet_shouldReadThem() {
        AppConfig config = AppConfig.fromEnvironment(Map.of(
                "AWS_REGION", "eu-west-1",
                "AWS_ENDPOINT_URL", "http://127.0.0.1:4566",
                "EXECUTIONS_TABLE", "exec",
                "API_KEYS_TABLE", "keys",
                "API_KEYS_KMS_KEY_ID", "alias/k",
                "OUTPUT_INLINE_MAX_BYTES", "1000",
                "EXECUTION_RETENTION_DAYS", "7"));

        assertEquals("eu-west-1", config.region());
        assertEquals(URI.create("http://127.0.0.1:4566"), config.endpoint().orElseThrow());
        assertEquals("exec", config.requireExecutionsTable());
        assertEquals("keys", config.requireApiKeysTable());
        assertEquals("alias/k", config.requireApiKeysKmsKeyId());
        assertEquals(1000, config.outputInlineMaxBytes());
        assertEquals(AppConfig.DEFAULT_STATE_INLINE_BUDGET_BYTES, config.stateInlineBudgetBytes());
        assertEquals(Duration.ofDays(7), config.retention());
    }

    @Test
    void fromEnvironment_whenEmpty_shouldUseDefaultsAndNoEndpoint() {
        AppConfig config = AppConfig.fromEnvironment(Map.of());

        assertEquals("us-east-1", config.region());
        assertTrue(config.endpoint().isEmpty());
        assertNull(config.executionsTable());
        IllegalStateException e = assertThrows(IllegalStateException.class, config::requireExecutionsTable);
        assertTrue(e.getMessage().contains("EXECUTIONS_TABLE"));
    }

    @Test
    void fromEnvironment_whenNumberMalformed_shouldNameTheVariable() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AppConfig.fromEnvironment(Map.of("OUTPUT_INLINE_MAX_BYTES", "lots")));
        assertTrue(e.getMessage().contains("OUTPUT_INLINE_MAX_BYTES"));
    }
}
