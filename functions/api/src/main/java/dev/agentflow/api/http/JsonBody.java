package dev.agentflow.api.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import java.nio.charset.StandardCharsets;

/**
 * Reads and checks request bodies: size, JSON syntax (duplicate keys refused), and each field's type and
 * length. Every refusal is a 400 {@code VALIDATION_ERROR} naming the field ({@code body} for the whole
 * document, dotted paths such as {@code definition} or {@code inputs} for members).
 */
public final class JsonBody {

    private static final ObjectMapper STRICT = Json.MAPPER.copy().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private JsonBody() {
    }

    /**
     * Parses a body that must be a JSON object.
     *
     * @param body     the text, or null
     * @param maxBytes largest accepted UTF-8 size
     * @param required whether an empty body is refused (else it reads as {@code {}})
     */
    public static ObjectNode object(String body, int maxBytes, boolean required) {
        if (body == null || body.isBlank()) {
            if (required) {
                throw ApiException.validation("body", "A JSON object body is required.");
            }
            return Json.object();
        }
        int size = body.getBytes(StandardCharsets.UTF_8).length;
        if (size > maxBytes) {
            throw ApiException.validation("body", "The body is " + size + " bytes; at most " + maxBytes + " are accepted.");
        }
        JsonNode node;
        try {
            node = STRICT.readTree(body);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr();
            throw ApiException.validation("body", "The body is not valid JSON" + where + ".");
        }
        if (node == null || !node.isObject()) {
            throw ApiException.validation("body", "The body must be a JSON object.");
        }
        return (ObjectNode) node;
    }

    /** A required string of {@code min..max} characters (after trimming), without control characters. */
    public static String requiredString(ObjectNode o, String field, int min, int max) {
        String value = optionalString(o, field, max);
        if (value == null) {
            throw ApiException.validation(field, "'" + field + "' is required.");
        }
        if (value.length() < min) {
            throw ApiException.validation(field, "'" + field + "' must have at least " + min + " characters.");
        }
        return value;
    }

    /** An optional string (absent or null → null) of at most {@code max} characters, trimmed. */
    public static String optionalString(ObjectNode o, String field, int max) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw ApiException.validation(field, "'" + field + "' must be a string.");
        }
        String text = v.asText().trim();
        if (text.length() > max) {
            throw ApiException.validation(field, "'" + field + "' must have at most " + max + " characters.");
        }
        if (text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t' && c != '\r')) {
            throw ApiException.validation(field, "'" + field + "' must not contain control characters.");
        }
        return text;
    }

    /** An optional whole number in {@code min..max}, or null when absent or null. */
    public static Integer optionalInt(ObjectNode o, String field, int min, int max) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt() || v.asInt() < min || v.asInt() > max) {
            throw ApiException.validation(field, "'" + field + "' must be a whole number from " + min + " to " + max + ".");
        }
        return v.asInt();
    }

    /** A required JSON object member. */
    public static ObjectNode requiredObject(ObjectNode o, String field) {
        ObjectNode v = optionalObject(o, field);
        if (v == null) {
            throw ApiException.validation(field, "'" + field + "' is required and must be an object.");
        }
        return v;
    }

    /** An optional JSON object member, or null when absent or null. */
    public static ObjectNode optionalObject(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isObject()) {
            throw ApiException.validation(field, "'" + field + "' must be an object.");
        }
        return (ObjectNode) v;
    }

    /** An optional JSON array member, or null when absent or null. */
    public static ArrayNode optionalArray(ObjectNode o, String field) {
        JsonNode v = o.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isArray()) {
            throw ApiException.validation(field, "'" + field + "' must be an array.");
        }
        return (ArrayNode) v;
    }
}
