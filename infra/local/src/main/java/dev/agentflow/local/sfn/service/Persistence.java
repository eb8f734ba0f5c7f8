package dev.agentflow.local.sfn.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.local.sfn.asl.DefinitionParser;
import dev.agentflow.local.sfn.asl.InvalidDefinitionException;
import dev.agentflow.local.sfn.data.Json;
import dev.agentflow.local.sfn.engine.EventDetail;
import dev.agentflow.local.sfn.engine.Execution;
import dev.agentflow.local.sfn.engine.HistoryEvent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.System.Logger.Level;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Keeps state machines and executions as JSON files under a data directory:
 * {@code state-machines/sm-<name>.json} and {@code executions/<stateMachineName>/ex-<name>.json}. Each file is
 * written whole to a temporary file and moved into place, so a crash never leaves half a file.
 */
final class Persistence {

  private static final System.Logger LOG = System.getLogger(Persistence.class.getName());

  /** An execution as read back from disk. */
  record StoredExecution(Execution.Identity identity, Execution.Status status, String output, String error,
      String cause, Instant stopDate, List<HistoryEvent> history) {}

  private final Path machines;
  private final Path executions;

  Persistence(Path dataDirectory) {
    this.machines = dataDirectory.resolve("state-machines");
    this.executions = dataDirectory.resolve("executions");
    try {
      Files.createDirectories(machines);
      Files.createDirectories(executions);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot create the Step Functions data directory " + dataDirectory, e);
    }
  }

  // ---- state machines ----------------------------------------------------------------------------------------

  void saveStateMachine(StateMachineRecord sm) {
    ObjectNode out = Json.object();
    out.put("name", sm.name());
    out.put("arn", sm.arn());
    out.put("type", sm.type());
    out.put("creationDate", sm.creationDate().toEpochMilli());
    out.put("nextVersion", sm.nextVersion());
    out.set("current", revision(sm.current()));
    ArrayNode versions = out.putArray("versions");
    for (VersionRecord v : sm.versions()) {
      ObjectNode vn = versions.addObject();
      vn.put("number", v.number());
      vn.put("arn", v.arn());
      vn.put("description", v.description());
      vn.put("creationDate", v.creationDate().toEpochMilli());
      vn.set("revision", revision(v.revision()));
    }
    write(machines.resolve("sm-" + sm.name() + ".json"), out);
  }

  void deleteStateMachine(String name) {
    try {
      Files.deleteIfExists(machines.resolve("sm-" + name + ".json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static ObjectNode revision(Revision r) {
    ObjectNode out = Json.object();
    out.put("definition", r.definition());
    out.put("roleArn", r.roleArn());
    out.set("loggingConfiguration", r.loggingConfiguration());
    out.set("tracingConfiguration", r.tracingConfiguration());
    out.put("revisionId", r.revisionId());
    out.put("date", r.date().toEpochMilli());
    return out;
  }

  List<StateMachineRecord> loadStateMachines() {
    List<StateMachineRecord> out = new ArrayList<>();
    for (Path file : list(machines)) {
      try {
        JsonNode n = Json.parse(Files.readString(file));
        List<VersionRecord> versions = new ArrayList<>();
        for (JsonNode v : n.get("versions")) {
          versions.add(new VersionRecord(v.get("number").intValue(), v.get("arn").asText(),
              readRevision(v.get("revision")), v.get("description").isNull() ? null : v.get("description").asText(),
              Instant.ofEpochMilli(v.get("creationDate").longValue())));
        }
        out.add(new StateMachineRecord(n.get("name").asText(), n.get("arn").asText(), n.get("type").asText(),
            Instant.ofEpochMilli(n.get("creationDate").longValue()), readRevision(n.get("current")), versions,
            n.get("nextVersion").intValue()));
      } catch (IOException | InvalidDefinitionException | RuntimeException e) {
        LOG.log(Level.WARNING, "Skipping unreadable state machine file " + file, e);
      }
    }
    return out;
  }

  private static Revision readRevision(JsonNode r) throws InvalidDefinitionException {
    String definition = r.get("definition").asText();
    return new Revision(definition, DefinitionParser.parse(definition), r.get("roleArn").asText(),
        r.get("loggingConfiguration"), r.get("tracingConfiguration"), r.get("revisionId").asText(),
        Instant.ofEpochMilli(r.get("date").longValue()));
  }

  // ---- executions --------------------------------------------------------------------------------------------

  void saveExecution(Execution e) {
    Execution.Identity id = e.identity();
    ObjectNode out = Json.object();
    out.put("arn", id.arn());
    out.put("name", id.name());
    out.put("stateMachineArn", id.stateMachineArn());
    out.put("stateMachineName", id.stateMachineName());
    out.put("versionArn", id.versionArn());
    out.put("roleArn", id.roleArn());
    out.put("input", id.inputText());
    out.put("startDate", id.startDate().toEpochMilli());
    out.put("status", e.status().name());
    out.put("output", e.outputText());
    out.put("error", e.error());
    out.put("cause", e.cause());
    if (e.stopDate() != null) {
      out.put("stopDate", e.stopDate().toEpochMilli());
    }
    ArrayNode history = out.putArray("history");
    if (e.status() != Execution.Status.RUNNING) {
      for (HistoryEvent ev : e.history().snapshot()) {
        history.add(ev.render());
      }
    }
    Path dir = executions.resolve(id.stateMachineName());
    try {
      Files.createDirectories(dir);
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    write(dir.resolve("ex-" + id.name() + ".json"), out);
  }

  List<StoredExecution> loadExecutions() {
    List<StoredExecution> out = new ArrayList<>();
    for (Path dir : list(executions)) {
      if (!Files.isDirectory(dir)) {
        continue;
      }
      for (Path file : list(dir)) {
        try {
          out.add(readExecution(Json.parse(Files.readString(file))));
        } catch (IOException | RuntimeException e) {
          LOG.log(Level.WARNING, "Skipping unreadable execution file " + file, e);
        }
      }
    }
    return out;
  }

  private static StoredExecution readExecution(JsonNode n) throws JsonProcessingException {
    String inputText = n.get("input").asText();
    Execution.Identity id = new Execution.Identity(n.get("arn").asText(), n.get("name").asText(),
        n.get("stateMachineArn").asText(), n.get("stateMachineName").asText(), text(n, "versionArn"),
        n.get("roleArn").asText(), Json.parse(inputText), inputText,
        Instant.ofEpochMilli(n.get("startDate").longValue()));
    List<HistoryEvent> history = new ArrayList<>();
    for (JsonNode ev : n.get("history")) {
      String key = null;
      ObjectNode details = null;
      for (Map.Entry<String, JsonNode> f : ev.properties()) {
        if (f.getKey().endsWith("EventDetails")) {
          key = f.getKey();
          details = (ObjectNode) f.getValue();
        }
      }
      long millis = ev.get("timestamp").decimalValue().movePointRight(3).longValue();
      history.add(new HistoryEvent(ev.get("id").longValue(), ev.get("previousEventId").longValue(), millis,
          ev.get("type").asText(), key == null ? null : new EventDetail.Rendered(key, details)));
    }
    return new StoredExecution(id, Execution.Status.valueOf(n.get("status").asText()), text(n, "output"),
        text(n, "error"), text(n, "cause"),
        n.has("stopDate") ? Instant.ofEpochMilli(n.get("stopDate").longValue()) : null, history);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asText();
  }

  // ---- files -------------------------------------------------------------------------------------------------

  private static List<Path> list(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> !p.getFileName().toString().endsWith(".tmp")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path file, JsonNode content) {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    try {
      Files.writeString(tmp, Json.write(content), StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }
}
