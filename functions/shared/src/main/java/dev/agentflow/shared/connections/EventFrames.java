package dev.agentflow.shared.connections;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.events.EventPayload;
import dev.agentflow.shared.events.EventType;
import dev.agentflow.shared.events.ExecutionEvent;
import dev.agentflow.shared.store.JsonCaps;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * WebSocket frames of execution events, each at most {@link #MAX_FRAME_BYTES}: API Gateway WebSocket
 * APIs carry frames of up to 32 KB (messages of up to 128 KB; API Gateway developer guide, "Amazon API
 * Gateway quotas for configuring and running a WebSocket API"). A long {@code node_output} delta is split
 * into several events <em>before</em> it is stored ({@link #split}), so each piece has its own sequence
 * number and replays match live delivery; other events keep a preview of outputs too large for a frame
 * (the full value stays in the stored event and the execution detail).
 */
public final class EventFrames {

    /** Largest frame sent, bytes of UTF-8. */
    public static final int MAX_FRAME_BYTES = 32 * 1024;
    /** Largest {@code outputs} carried in a frame, bytes of JSON; larger ones become a preview. */
    public static final int MAX_FRAME_OUTPUTS_BYTES = 16 * 1024;
    /**
     * Longest {@code node_output} delta per event, characters: even fully escaped ({@code \}{@code uXXXX},
     * 6 bytes a character) it stays under 24 KB, leaving room for the envelope.
     */
    public static final int MAX_DELTA_CHARS = 4_000;

    private EventFrames() {
    }

    /**
     * The event as one or more events whose frames fit: a {@code node_output} with a longer
     * {@code outputs.delta} becomes several in order (never splitting a surrogate pair); any other event is
     * returned as is.
     */
    public static List<ExecutionEvent> split(ExecutionEvent event) {
        EventPayload p = event.payload();
        if (!EventType.NODE_OUTPUT.wire().equals(event.type()) || p == null || p.outputs() == null
                || !p.outputs().path("delta").isTextual()) {
            return List.of(event);
        }
        String delta = p.outputs().path("delta").asText();
        if (delta.length() <= MAX_DELTA_CHARS) {
            return List.of(event);
        }
        List<ExecutionEvent> parts = new ArrayList<>();
        int from = 0;
        while (from < delta.length()) {
            int to = Math.min(delta.length(), from + MAX_DELTA_CHARS);
            if (to < delta.length() && Character.isHighSurrogate(delta.charAt(to - 1))) {
                to--;
            }
            ObjectNode outputs = ((ObjectNode) p.outputs()).deepCopy();
            outputs.put("delta", delta.substring(from, to));
            parts.add(new ExecutionEvent(event.type(), event.executionId(), p.withOutputs(outputs)));
            from = to;
        }
        return parts;
    }

    /** The frame text of a stored event: its JSON, with outputs or error shortened until it fits. */
    public static String frame(ExecutionEvent event) {
        String text = Json.write(event);
        if (fits(text)) {
            return text;
        }
        EventPayload p = event.payload();
        if (p.outputs() != null) {
            p = p.withOutputs(JsonCaps.cap(p.outputs(), MAX_FRAME_OUTPUTS_BYTES));
            text = Json.write(new ExecutionEvent(event.type(), event.executionId(), p));
            if (fits(text)) {
                return text;
            }
        }
        p = new EventPayload(p.nodeId(), p.nodeName(), p.nodeType(), p.status(),
                p.outputs() == null ? null : JsonCaps.cap(p.outputs(), 1),
                p.error() == null ? null : JsonCaps.preview(p.error()), p.errorCode(), p.durationMs(), p.timestamp(), p.seq());
        return Json.write(new ExecutionEvent(event.type(), event.executionId(), p));
    }

    /** Whether a text fits a frame. */
    public static boolean fits(String text) {
        return text.length() * 3 <= MAX_FRAME_BYTES || text.getBytes(StandardCharsets.UTF_8).length <= MAX_FRAME_BYTES;
    }
}
