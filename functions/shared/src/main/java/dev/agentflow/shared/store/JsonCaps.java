package dev.agentflow.shared.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import java.nio.charset.StandardCharsets;

/**
 * Keeps JSON values recorded in DynamoDB items under a size (an item is at most 400 KB): a value whose
 * serialized form is larger becomes {@code {"$truncated": true, "sizeBytes": n, "preview": "<first chars>"}}.
 */
public final class JsonCaps {

    /** Characters of JSON text kept in a preview. */
    public static final int PREVIEW_CHARS = 1_000;

    private JsonCaps() {
    }

    /** UTF-8 size of a value's compact JSON, in bytes. */
    public static int sizeBytes(JsonNode value) {
        return Json.write(value).getBytes(StandardCharsets.UTF_8).length;
    }

    /** The value itself when its JSON fits {@code maxBytes}, else a truncation marker with a preview. */
    public static JsonNode cap(JsonNode value, int maxBytes) {
        if (value == null) {
            return null;
        }
        String text = Json.write(value);
        int size = text.getBytes(StandardCharsets.UTF_8).length;
        if (size <= maxBytes) {
            return value;
        }
        ObjectNode marker = Json.object();
        marker.put("$truncated", true);
        marker.put("sizeBytes", size);
        marker.put("preview", preview(text));
        return marker;
    }

    /** The first {@link #PREVIEW_CHARS} characters of a text, with an ellipsis when cut. */
    public static String preview(String text) {
        return text.length() <= PREVIEW_CHARS ? text : text.substring(0, PREVIEW_CHARS) + "…";
    }
}
