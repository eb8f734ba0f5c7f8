package dev.agentflow.nodes.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentflow.shared.keys.SecretValue;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreamingOutputTest {

    /** A clock the test moves by hand. */
    private static final class ManualClock extends Clock {
        Instant now = Instant.parse("2026-01-29T10:00:00Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private final ManualClock clock = new ManualClock();
    private final List<String> published = new ArrayList<>();
    private final SecretScrubber scrubber = new SecretScrubber();

    private StreamingOutput stream() {
        return new StreamingOutput(published::add, scrubber, clock, Duration.ofMillis(50), 200);
    }

    @Test
    void append_shouldCoalesceUntil200CharsOr50Ms() {
        StreamingOutput out = stream();

        out.append("a".repeat(100));
        out.append("b".repeat(50));
        assertTrue(published.isEmpty());

        out.append("c".repeat(60));
        assertEquals(1, published.size());
        assertEquals(210, published.get(0).length());

        out.append("d");
        clock.now = clock.now.plusMillis(60);
        out.append("e");
        assertEquals(List.of("a".repeat(100) + "b".repeat(50) + "c".repeat(60), "de"), published);

        out.append("tail");
        out.close();
        assertEquals("tail", published.get(2));
        assertTrue(out.hasPublished());
    }

    @Test
    void append_whenASecretIsSplitAcrossChunks_shouldNeverPublishAnyPartOfIt() {
        scrubber.register(SecretValue.of("sk-SECRET-123456"));
        StreamingOutput out = stream();

        out.append("key: sk-SEC");
        clock.now = clock.now.plusMillis(60);
        out.append("RET-1");
        clock.now = clock.now.plusMillis(60);
        out.append("23456 done");
        out.close();

        String all = String.join("", published);
        assertEquals("key: [REDACTED] done", all);
        published.forEach(chunk -> assertFalse(chunk.contains("sk-SEC"), chunk));
    }

    @Test
    void scrub_shouldReplaceSecretsInJsonKeysAndValues() {
        scrubber.register(SecretValue.of("sk-SECRET-123456"));

        var scrubbed = scrubber.scrub(dev.agentflow.core.json.Json.parse("{\"sk-SECRET-123456\": [\"x sk-SECRET-123456 y\", 1]}"));

        assertEquals("{\"[REDACTED]\":[\"x [REDACTED] y\",1]}", dev.agentflow.core.json.Json.write(scrubbed));
    }
}
