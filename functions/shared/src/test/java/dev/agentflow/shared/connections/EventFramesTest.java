package dev.agentflow.shared.connections;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentflow.core.json.Json;
import dev.agentflow.shared.events.EventPayload;
import dev.agentflow.shared.events.EventType;
import dev.agentflow.shared.events.ExecutionEvent;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EventFramesTest {

    @Test
    void split_shouldKeepShortDeltasAndOtherEventsWhole() {
        ExecutionEvent shortOutput = ExecutionEvent.of(EventType.NODE_OUTPUT, "e", new EventPayload("n", null, null, null,
                Json.object().put("delta", "hi"), null, null, null, "t", null));
        assertEquals(1, EventFrames.split(shortOutput).size());
    }

    @Test
    void split_shouldNotCutASurrogatePair() {
        String text = "a" + "😀".repeat(EventFrames.MAX_DELTA_CHARS);
        ExecutionEvent e = ExecutionEvent.of(EventType.NODE_OUTPUT, "e", new EventPayload("n", null, null, null,
                Json.object().put("delta", text), null, null, null, "t", null));
        StringBuilder joined = new StringBuilder();
        for (ExecutionEvent part : EventFrames.split(e)) {
            String delta = part.payload().outputs().path("delta").asText();
            assertTrue(!Character.isHighSurrogate(delta.charAt(delta.length() - 1)));
            joined.append(delta);
        }
        assertEquals(text, joined.toString());
    }

    @Test
    void frame_ofALargeCompletedOutput_shouldCarryAPreviewWithinTheFrameLimit() {
        ExecutionEvent completed = ExecutionEvent.of(EventType.NODE_COMPLETED, "e", new EventPayload("n", "LLM", "llm",
                "completed", Json.object().put("text", "x".repeat(150_000)), null, null, 5L, "t", 7L));
        String frame = EventFrames.frame(completed);
        assertTrue(frame.getBytes(StandardCharsets.UTF_8).length <= EventFrames.MAX_FRAME_BYTES);
        assertTrue(Json.parse(frame).at("/payload/outputs/$truncated").asBoolean());
        assertEquals(7, Json.parse(frame).at("/payload/seq").asInt());
    }
}
