package dev.agentflow.local.sample;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Deterministic sample data the local cloud serves under {@code /sample-data/} on its HTTP API port, so the
 * sample workflows of {@code events/workflows} run with no network: the same request always gets the same
 * answer. Not an AWS service and not part of template.yaml; the deployed API has no such routes.
 *
 * <ul>
 *   <li>{@code GET /sample-data/weather?city=Oslo}: {@code {city, temperature (°C), unit, condition, humidity (%),
 *       windKph, source}} for a fixed list of cities ({@link #CITIES}); another city is 404
 *       {@code {"error": "NO_SAMPLE_DATA", "message"}} (how the samples show a failing data source);
 *   <li>{@code GET /sample-data/products?limit=N}: {@code {total: N, items: [{id, name, price}]}} (N 0–1000,
 *       default 20);
 *   <li>{@code POST /sample-data/images/batch} {@code {products: [...]}}: {@code {batchId, count}};
 *   <li>{@code POST /sample-data/images/similarity} {@code {batch}}: {@code {batch, results: [{product, score}]}};
 *   <li>{@code GET /sample-data/news?q=} and {@code GET /sample-data/papers?q=}: {@code {query, articles|papers:
 *       [{title, …}]}};
 *   <li>{@code POST /sample-data/stats} {@code {topic, limit}}: {@code {topic, mentions, trend}}.
 * </ul>
 */
public final class SampleData {

    /** The path prefix of every route. */
    public static final String PREFIX = "/sample-data/";

    /** A city's sample weather. */
    private record City(String name, int temperature, String condition, int humidity, int windKph) {
    }

    /** The cities {@code /sample-data/weather} knows, keyed by lower-case name. */
    public static final Map<String, String> CITIES;
    private static final Map<String, City> WEATHER = new LinkedHashMap<>();

    static {
        for (City c : List.of(
                new City("Oslo", 12, "Cloudy", 71, 18),
                new City("Paris", 19, "Sunny", 52, 9),
                new City("London", 14, "Light rain", 80, 22),
                new City("Berlin", 16, "Overcast", 64, 14),
                new City("Beijing", 24, "Hazy", 45, 7),
                new City("Tokyo", 21, "Partly cloudy", 60, 11),
                new City("Sydney", 22, "Sunny", 55, 19),
                new City("New York", 17, "Windy", 58, 31),
                new City("Dubai", 38, "Sunny", 30, 12),
                new City("Cairo", 33, "Clear", 25, 10),
                new City("Singapore", 31, "Thunderstorms", 84, 8),
                new City("Reykjavik", 4, "Snow", 77, 26))) {
            WEATHER.put(c.name().toLowerCase(Locale.ROOT), c);
        }
        Map<String, String> names = new LinkedHashMap<>();
        WEATHER.forEach((k, c) -> names.put(k, c.name()));
        CITIES = Map.copyOf(names);
    }

    /** An answer: HTTP status and JSON body. */
    public record Response(int status, JsonNode body) {
    }

    private SampleData() {
    }

    /**
     * Answers one request.
     *
     * @param method HTTP method, upper case
     * @param path   the request path, starting with {@link #PREFIX}
     * @param query  query parameters (first value of each)
     * @param body   the request body parsed as JSON, or null
     * @return the answer; 404 for an unknown path, 405 for a known path with another method
     */
    public static Response handle(String method, String path, Map<String, String> query, JsonNode body) {
        String route = path.substring(PREFIX.length()).replaceAll("/+$", "");
        String expected = switch (route) {
            case "weather", "products", "news", "papers" -> "GET";
            case "images/batch", "images/similarity", "stats" -> "POST";
            default -> null;
        };
        if (expected == null) {
            return error(404, "NOT_FOUND", "No sample data at " + path + ". Routes: GET weather?city=, GET products?limit=,"
                    + " POST images/batch, POST images/similarity, GET news?q=, GET papers?q=, POST stats");
        }
        if (!expected.equals(method)) {
            return error(405, "METHOD_NOT_ALLOWED", path + " answers " + expected + " only");
        }
        JsonNode in = body == null ? Json.object() : body;
        return switch (route) {
            case "weather" -> weather(query.get("city"));
            case "products" -> products(query.get("limit"));
            case "images/batch" -> batch(in.path("products"));
            case "images/similarity" -> similarity(in.path("batch").asText(""));
            case "news" -> listing("articles", query.getOrDefault("q", ""), "News");
            case "papers" -> listing("papers", query.getOrDefault("q", ""), "Paper");
            default -> stats(in.path("topic").asText(""), in.path("limit").asInt(5));
        };
    }

    /** {@code GET /sample-data/weather?city=}: the city's weather, 400 without a city, 404 for an unknown one. */
    public static Response weather(String city) {
        if (city == null || city.isBlank()) {
            return error(400, "VALIDATION_ERROR", "Query parameter 'city' is required, e.g. ?city=Oslo");
        }
        City c = WEATHER.get(city.trim().toLowerCase(Locale.ROOT));
        if (c == null) {
            return error(404, "NO_SAMPLE_DATA", "No sample weather for '" + city.trim() + "'. Known cities: "
                    + String.join(", ", WEATHER.values().stream().map(City::name).toList()));
        }
        ObjectNode out = Json.object().put("city", c.name()).put("temperature", c.temperature()).put("unit", "C")
                .put("condition", c.condition()).put("humidity", c.humidity()).put("windKph", c.windKph())
                .put("source", "AgentFlow local sample data");
        return new Response(200, out);
    }

    private static Response products(String limitText) {
        int limit;
        try {
            limit = limitText == null || limitText.isBlank() ? 20 : Integer.parseInt(limitText.trim());
        } catch (NumberFormatException e) {
            return error(400, "VALIDATION_ERROR", "Query parameter 'limit' must be a whole number");
        }
        if (limit < 0 || limit > 1000) {
            return error(400, "VALIDATION_ERROR", "Query parameter 'limit' must be 0 to 1000");
        }
        ObjectNode out = Json.object().put("total", limit);
        ArrayNode items = out.putArray("items");
        for (int i = 1; i <= limit; i++) {
            items.addObject().put("id", "p" + i).put("name", "Product " + i).put("price", 5 + (i * 37) % 95);
        }
        return new Response(200, out);
    }

    private static Response batch(JsonNode products) {
        int count = products.isArray() ? products.size() : 0;
        return new Response(200, Json.object().put("batchId", "batch-" + count).put("count", count));
    }

    private static Response similarity(String batch) {
        int count;
        try {
            count = Integer.parseInt(batch.replace("batch-", ""));
        } catch (NumberFormatException e) {
            return error(400, "VALIDATION_ERROR", "Body field 'batch' must be a batchId from POST images/batch");
        }
        ObjectNode out = Json.object().put("batch", batch);
        ArrayNode results = out.putArray("results");
        for (int i = 1; i <= Math.min(count, 5); i++) {
            results.addObject().put("product", "p" + i).put("score", Math.round((1.0 - i * 0.07) * 100) / 100.0);
        }
        return new Response(200, out);
    }

    private static Response listing(String field, String query, String kind) {
        ObjectNode out = Json.object().put("query", query);
        ArrayNode items = out.putArray(field);
        List<String> titles = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            titles.add(kind + " " + i + " on " + (query.isBlank() ? "everything" : query));
        }
        titles.forEach(t -> items.addObject().put("title", t));
        return new Response(200, out);
    }

    private static Response stats(String topic, int limit) {
        int mentions = Math.abs(topic.toLowerCase(Locale.ROOT).hashCode() % 900) + 100;
        return new Response(200, Json.object().put("topic", topic).put("mentions", mentions)
                .put("trend", mentions % 2 == 0 ? "rising" : "steady").put("limit", limit));
    }

    private static Response error(int status, String code, String message) {
        return new Response(status, Json.object().put("error", code).put("message", message));
    }
}
