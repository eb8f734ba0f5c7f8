package dev.agentflow.local.sfn.support;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.local.sfn.data.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One ASL conformance case read from {@code src/test/resources/asl-conformance/<id>.json}:
 * {@code {description, source, definition, input, tasks?, expected, referenceDivergence?, referenceRealWaits?}}
 * where expected is {@code {"status": "SUCCEEDED", "output": ...}}, {@code {"status": "FAILED", "error": ...,
 * "causeContains"?: ...}} or {@code {"status": "TIMED_OUT"}}.
 */
public record ConformanceCase(String id, JsonNode json) {

  public JsonNode definition() {
    return json.get("definition");
  }

  public JsonNode input() {
    return json.get("input");
  }

  public JsonNode tasks() {
    return json.path("tasks");
  }

  public JsonNode expected() {
    return json.get("expected");
  }

  /** @return the documented reason aws-local-stepfunctions disagrees, or {@code null} */
  public String referenceDivergence() {
    JsonNode d = json.get("referenceDivergence");
    return d == null ? null : d.asText();
  }

  /** @return whether the definition uses JSONata anywhere (aws-local-stepfunctions does not support it) */
  public boolean usesJsonata() {
    return Json.write(definition()).contains("\"QueryLanguage\":\"JSONata\"");
  }

  public boolean referenceRealWaits() {
    return json.path("referenceRealWaits").asBoolean(false);
  }

  @Override
  public String toString() {
    return id;
  }

  /** @return every case, sorted by id */
  public static List<ConformanceCase> all() {
    try {
      Path dir = Path.of(ConformanceCase.class.getResource("/asl-conformance").toURI());
      try (Stream<Path> files = Files.list(dir)) {
        return files.filter(p -> p.toString().endsWith(".json")).sorted().map(ConformanceCase::read).toList();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ConformanceCase read(Path file) {
    try {
      String name = file.getFileName().toString();
      return new ConformanceCase(name.substring(0, name.length() - 5), Json.parse(Files.readString(file)));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
