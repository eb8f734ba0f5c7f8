package dev.agentflow.shared.paging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Opaque paging cursors: base64url of {@code {"l": listing, "k": sortKey, "id": itemId}}. A cursor names
 * only the position inside the caller's own partition; the repository rebuilds the DynamoDB
 * {@code ExclusiveStartKey} with the caller's partition, so a forged cursor cannot read another user's items.
 */
public final class Cursors {

    /** Longest cursor accepted, in characters. */
    public static final int MAX_LENGTH = 1024;

    private Cursors() {
    }

    /**
     * A position in a listing.
     *
     * @param sortKey the sort-key value of the last item returned
     * @param id      the id of the last item returned
     */
    public record Position(String sortKey, String id) {
    }

    /** Encodes the position after which the next page starts. */
    public static String encode(String listing, String sortKey, String id) {
        ObjectNode node = Json.object().put("l", listing).put("k", sortKey).put("id", id);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.write(node).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Decodes a cursor of {@code listing}.
     *
     * @return the position, or null when {@code cursor} is null
     * @throws InvalidCursorException when the cursor is malformed or was issued for another listing
     */
    public static Position decode(String listing, String cursor) {
        if (cursor == null) {
            return null;
        }
        if (cursor.isEmpty() || cursor.length() > MAX_LENGTH) {
            throw new InvalidCursorException("cursor is not one this API issued");
        }
        try {
            JsonNode node = Json.parse(new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8));
            if (!listing.equals(node.path("l").asText(null)) || !node.path("k").isTextual() || !node.path("id").isTextual()) {
                throw new InvalidCursorException("cursor is not one this API issued for this listing");
            }
            return new Position(node.get("k").asText(), node.get("id").asText());
        } catch (IllegalArgumentException e) {
            if (e instanceof InvalidCursorException ice) {
                throw ice;
            }
            throw new InvalidCursorException("cursor is not one this API issued");
        }
    }
}
