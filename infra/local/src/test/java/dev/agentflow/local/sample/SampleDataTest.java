package dev.agentflow.local.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentflow.core.json.Json;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SampleDataTest {

    private static SampleData.Response get(String path, Map<String, String> query) {
        return SampleData.handle("GET", path, query, null);
    }

    @Test
    void weather_knownCity_isTheSameEveryTime_caseInsensitive() {
        SampleData.Response a = get("/sample-data/weather", Map.of("city", "oslo"));
        SampleData.Response b = get("/sample-data/weather", Map.of("city", " OSLO "));
        assertEquals(200, a.status());
        assertEquals(a.body(), b.body());
        assertEquals("Oslo", a.body().path("city").asText());
        assertEquals(12, a.body().path("temperature").asInt());
    }

    @Test
    void weather_unknownOrMissingCity_is404Or400WithAMessage() {
        SampleData.Response unknown = get("/sample-data/weather", Map.of("city", "Atlantis"));
        assertEquals(404, unknown.status());
        assertEquals("NO_SAMPLE_DATA", unknown.body().path("error").asText());
        assertTrue(unknown.body().path("message").asText().contains("Oslo"));
        assertEquals(400, get("/sample-data/weather", Map.of()).status());
    }

    @Test
    void products_batch_similarity_chainTogether() {
        SampleData.Response products = get("/sample-data/products", Map.of("limit", "3"));
        assertEquals(3, products.body().path("items").size());
        SampleData.Response batch = SampleData.handle("POST", "/sample-data/images/batch", Map.of(),
                Json.object().set("products", products.body().path("items")));
        assertEquals("batch-3", batch.body().path("batchId").asText());
        SampleData.Response sim = SampleData.handle("POST", "/sample-data/images/similarity", Map.of(),
                Json.object().put("batch", "batch-3"));
        assertEquals(3, sim.body().path("results").size());
        assertEquals(400, get("/sample-data/products", Map.of("limit", "many")).status());
    }

    @Test
    void unknownPath_is404_wrongMethod_is405() {
        assertEquals(404, get("/sample-data/stocks", Map.of()).status());
        assertEquals(405, SampleData.handle("POST", "/sample-data/weather", Map.of(), null).status());
        assertEquals(405, get("/sample-data/stats", Map.of()).status());
    }
}
