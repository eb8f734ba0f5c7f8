package dev.agentflow.core.triggers;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

/**
 * The result callbacks of a workflow (seed 002 §3.6.2: "POST the result to a configured URL, with different
 * URLs for success and failure"), read from {@code definition.settings.callbacks}: {@code {"onSuccess":
 * "https://…", "onFailure": "https://…"}}. Kept in the definition's settings so that they are versioned, restored
 * and duplicated with it, and an execution uses the callbacks of the version it ran. Only the form is checked
 * here; where a URL may lead is checked (SSRF guard, after DNS) each time a result is delivered.
 *
 * @param onSuccess where a completed execution's result goes, or null
 * @param onFailure where a failed, timed-out or cancelled execution's result goes, or null
 */
public record ResultCallbacks(URI onSuccess, URI onFailure) {

    /** Longest accepted callback URL. */
    public static final int MAX_URL_LENGTH = 2048;
    /** No callbacks. */
    public static final ResultCallbacks NONE = new ResultCallbacks(null, null);

    /** @return whether any callback is configured */
    public boolean any() {
        return onSuccess != null || onFailure != null;
    }

    /** The URL for an execution that ended completed ({@code success}) or not, if configured. */
    public Optional<URI> forOutcome(boolean success) {
        return Optional.ofNullable(success ? onSuccess : onFailure);
    }

    /**
     * Reads {@code settings.callbacks} of a workflow definition (missing: none).
     *
     * @throws TriggerException naming {@code definition.settings.callbacks[.member]}
     */
    public static ResultCallbacks fromDefinition(JsonNode definition) {
        JsonNode callbacks = definition == null ? null : definition.path("settings").get("callbacks");
        String at = "definition.settings.callbacks";
        if (callbacks == null || callbacks.isNull()) {
            return NONE;
        }
        if (!callbacks.isObject()) {
            throw new TriggerException(at, "'callbacks' must be an object {\"onSuccess\": url, \"onFailure\": url}.");
        }
        var names = callbacks.fieldNames();
        while (names.hasNext()) {
            String name = names.next();
            if (!name.equals("onSuccess") && !name.equals("onFailure")) {
                throw new TriggerException(at + "." + name, "'callbacks." + name + "' is not a callback: use onSuccess and onFailure.");
            }
        }
        return new ResultCallbacks(url(callbacks.get("onSuccess"), at + ".onSuccess"),
                url(callbacks.get("onFailure"), at + ".onFailure"));
    }

    private static URI url(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.asText().isBlank() || value.asText().length() > MAX_URL_LENGTH) {
            throw new TriggerException(field, "'" + field + "' must be an http(s) URL of at most " + MAX_URL_LENGTH + " characters.");
        }
        try {
            URI uri = new URI(value.asText().trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null || uri.getRawUserInfo() != null
                    || uri.getRawFragment() != null) {
                throw new URISyntaxException(value.asText(), "not an absolute http(s) URL without user info or fragment");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new TriggerException(field, "'" + field + "' must be an absolute http(s) URL (no user:password@, no #fragment).");
        }
    }
}
