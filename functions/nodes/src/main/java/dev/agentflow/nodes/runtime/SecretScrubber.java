package dev.agentflow.nodes.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.agentflow.shared.keys.SecretValue;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Removes the secrets a node used (its API key) from anything that leaves the node: outputs, metadata,
 * error messages, events and log lines. A provider that echoes the key in an error, or a model that
 * repeats it, cannot leak it. One per invocation.
 */
public final class SecretScrubber {

    /** What a secret is replaced with. */
    public static final String REDACTED = "[REDACTED]";
    /** Secrets shorter than this are not scrubbed (they would match ordinary text). */
    public static final int MIN_SECRET_LENGTH = 8;

    private final List<String> secrets = new CopyOnWriteArrayList<>();

    /** Registers a secret to scrub from now on. */
    public void register(SecretValue secret) {
        String value = secret.reveal();
        if (value.length() >= MIN_SECRET_LENGTH && !secrets.contains(value)) {
            secrets.add(value);
        }
    }

    /** Whether any secret is registered. */
    public boolean active() {
        return !secrets.isEmpty();
    }

    /** The text with every registered secret replaced by {@link #REDACTED}. */
    public String scrub(String text) {
        if (text == null || secrets.isEmpty()) {
            return text;
        }
        String out = text;
        for (String secret : secrets) {
            out = out.replace(secret, REDACTED);
        }
        return out;
    }

    /** Whether the text contains a registered secret. */
    public boolean leaks(String text) {
        return text != null && secrets.stream().anyMatch(text::contains);
    }

    /** A copy of a JSON value with secrets scrubbed from every string (keys included). */
    public JsonNode scrub(JsonNode value) {
        if (value == null || secrets.isEmpty()) {
            return value;
        }
        if (value.isTextual()) {
            return TextNode.valueOf(scrub(value.asText()));
        }
        if (value.isObject()) {
            ObjectNode out = JsonNodeFactory.instance.objectNode();
            value.fields().forEachRemaining(e -> out.set(scrub(e.getKey()), scrub(e.getValue())));
            return out;
        }
        if (value.isArray()) {
            ArrayNode out = JsonNodeFactory.instance.arrayNode();
            value.forEach(v -> out.add(scrub(v)));
            return out;
        }
        return value;
    }

    /**
     * How many characters at the end of {@code text} could be the start of a secret continued in the next
     * chunk of a stream; those must be held back until more text arrives.
     */
    int unsafeSuffixLength(String text) {
        int hold = 0;
        for (String secret : secrets) {
            int max = Math.min(secret.length() - 1, text.length());
            for (int len = max; len > hold; len--) {
                if (text.regionMatches(text.length() - len, secret, 0, len)) {
                    hold = len;
                    break;
                }
            }
        }
        return hold;
    }
}
