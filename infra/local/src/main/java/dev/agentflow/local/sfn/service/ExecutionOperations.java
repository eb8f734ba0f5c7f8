package dev.agentflow.local.sfn.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.local.sfn.SfnServiceException;
import dev.agentflow.local.sfn.data.Json;
import dev.agentflow.local.sfn.data.JsonValues;
import dev.agentflow.local.sfn.engine.Engine;
import dev.agentflow.local.sfn.engine.Execution;
import dev.agentflow.local.sfn.engine.HistoryEvent;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The execution operations: StartExecution, DescribeExecution, ListExecutions, StopExecution and
 * GetExecutionHistory. Request and response members as in the AWS Step Functions API reference.
 */
final class ExecutionOperations {

  /** Maximum execution input, as on AWS (256 KiB). */
  static final int MAX_INPUT_BYTES = 256 * 1024;
  private static final Set<String> STATUSES = Set.of("RUNNING", "SUCCEEDED", "FAILED", "TIMED_OUT", "ABORTED",
      "PENDING_REDRIVE");

  private final Registry registry;
  private final Arns arns;
  private final StateMachineOperations machines;
  private final Engine engine;
  private final Clock clock;
  private final Consumer<Execution> onEnd;

  ExecutionOperations(Registry registry, Arns arns, StateMachineOperations machines, Engine engine, Clock clock,
      Consumer<Execution> onEnd) {
    this.registry = registry;
    this.arns = arns;
    this.machines = machines;
    this.engine = engine;
    this.clock = clock;
    this.onEnd = onEnd;
  }

  /**
   * StartExecution: {stateMachineArn (or version ARN), name?, input?, traceHeader?} → {executionArn, startDate}.
   * Same name and input as a RUNNING execution returns that execution; otherwise a used name is
   * ExecutionAlreadyExists.
   */
  JsonNode start(JsonNode req, Consumer<Execution> beforeStart) throws SfnServiceException {
    String smArn = ApiJson.requiredString(req, "stateMachineArn");
    Arns.StateMachineRef ref = arns.parseStateMachine(smArn);
    String name = ApiJson.optionalString(req, "name");
    if (name == null) {
      name = UUID.randomUUID().toString();
    }
    Arns.checkName(name);
    String inputText = ApiJson.optionalString(req, "input");
    if (inputText == null) {
      inputText = "{}";
    }
    if (inputText.getBytes(StandardCharsets.UTF_8).length > MAX_INPUT_BYTES) {
      throw new SfnServiceException("InvalidExecutionInput",
          "Invalid State Machine Execution Input: the input exceeds the maximum size of 262144 bytes",
          ApiJson.BAD_REQUEST);
    }
    JsonNode input;
    try {
      input = Json.parse(inputText);
    } catch (JsonProcessingException e) {
      throw new SfnServiceException("InvalidExecutionInput",
          "Invalid State Machine Execution Input: '" + e.getOriginalMessage() + "'", ApiJson.BAD_REQUEST);
    }
    StateMachineRecord sm = machines.machine(ref.name(), smArn);
    Revision revision;
    String versionArn = null;
    if (ref.version() != 0) {
      VersionRecord v = StateMachineOperations.version(sm, ref.version(), smArn);
      revision = v.revision();
      versionArn = v.arn();
    } else {
      revision = sm.current();
    }
    String arn = arns.execution(sm.name(), name);
    Execution.Identity id = new Execution.Identity(arn, name, sm.arn(), sm.name(), versionArn, revision.roleArn(),
        input, inputText, clock.instant());
    Execution execution = new Execution(id, revision.parsed(), onEnd);
    Execution existing = registry.addExecution(execution);
    if (existing != null) {
      if (existing.status() == Execution.Status.RUNNING && JsonValues.equal(existing.identity().input(), input)) {
        return startResponse(existing);
      }
      throw new SfnServiceException("ExecutionAlreadyExists", "Execution Already Exists: '" + arn + "'",
          ApiJson.BAD_REQUEST);
    }
    beforeStart.accept(execution);
    engine.start(execution);
    return startResponse(execution);
  }

  private static JsonNode startResponse(Execution e) {
    ObjectNode out = Json.object();
    out.put("executionArn", e.identity().arn());
    out.set("startDate", ApiJson.timestamp(e.identity().startDate()));
    return out;
  }

  /** DescribeExecution: {executionArn} → the DescribeExecution body ({@link #describe(Execution)}). */
  JsonNode describe(JsonNode req) throws SfnServiceException {
    return describe(execution(ApiJson.requiredString(req, "executionArn")));
  }

  /**
   * @return the DescribeExecution body: executionArn, stateMachineArn, name, status, startDate, stopDate?,
   *     input, inputDetails, output?, outputDetails?, error?, cause?, stateMachineVersionArn?, redriveCount
   */
  static ObjectNode describe(Execution e) {
    Execution.Identity id = e.identity();
    ObjectNode out = Json.object();
    out.put("executionArn", id.arn());
    out.put("stateMachineArn", id.stateMachineArn());
    out.put("name", id.name());
    out.put("status", e.status().name());
    out.set("startDate", ApiJson.timestamp(id.startDate()));
    if (e.stopDate() != null) {
      out.set("stopDate", ApiJson.timestamp(e.stopDate()));
    }
    out.put("input", id.inputText());
    out.putObject("inputDetails").put("included", true);
    if (e.status() == Execution.Status.SUCCEEDED) {
      out.put("output", e.outputText());
      out.putObject("outputDetails").put("included", true);
    }
    if (e.error() != null) {
      out.put("error", e.error());
    }
    if (e.cause() != null) {
      out.put("cause", e.cause());
    }
    if (id.versionArn() != null) {
      out.put("stateMachineVersionArn", id.versionArn());
    }
    out.put("redriveCount", 0);
    return out;
  }

  /**
   * ListExecutions: {stateMachineArn (or version ARN), statusFilter?, maxResults?, nextToken?} →
   * {executions: [{executionArn, stateMachineArn, name, status, startDate, stopDate?, stateMachineVersionArn?}],
   * nextToken?}, newest first.
   */
  JsonNode list(JsonNode req) throws SfnServiceException {
    String smArn = ApiJson.optionalString(req, "stateMachineArn");
    if (smArn == null) {
      throw ApiJson.validation("Value null at 'stateMachineArn' failed to satisfy constraint: Member must not be"
          + " null (mapRunArn is not supported by the local engine)");
    }
    Arns.StateMachineRef ref = arns.parseStateMachine(smArn);
    StateMachineRecord sm = machines.machine(ref.name(), smArn);
    String versionArn = null;
    if (ref.version() != 0) {
      versionArn = StateMachineOperations.version(sm, ref.version(), smArn).arn();
    }
    String status = ApiJson.optionalString(req, "statusFilter");
    if (status != null && !STATUSES.contains(status)) {
      throw ApiJson.validation("Value '" + status + "' at 'statusFilter' failed to satisfy constraint: Member must"
          + " satisfy enum value set: " + STATUSES);
    }
    int max = ApiJson.maxResults(req, 100);
    String scope = "ListExecutions:" + smArn + ":" + status;
    int offset = PageToken.decode(ApiJson.optionalString(req, "nextToken"), scope);
    List<Execution> matching = new ArrayList<>();
    for (Execution e : registry.executionsOf(sm.name())) {
      if ((status == null || e.status().name().equals(status))
          && (versionArn == null || versionArn.equals(e.identity().versionArn()))) {
        matching.add(e);
      }
    }
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("executions");
    for (int i = offset; i < Math.min(matching.size(), offset + max); i++) {
      Execution e = matching.get(i);
      ObjectNode item = items.addObject();
      item.put("executionArn", e.identity().arn());
      item.put("stateMachineArn", e.identity().stateMachineArn());
      item.put("name", e.identity().name());
      item.put("status", e.status().name());
      item.set("startDate", ApiJson.timestamp(e.identity().startDate()));
      if (e.stopDate() != null) {
        item.set("stopDate", ApiJson.timestamp(e.stopDate()));
      }
      if (e.identity().versionArn() != null) {
        item.put("stateMachineVersionArn", e.identity().versionArn());
      }
    }
    if (offset + max < matching.size()) {
      out.put("nextToken", PageToken.encode(scope, offset + max));
    }
    return out;
  }

  /** StopExecution: {executionArn, error?, cause?} → {stopDate}. A finished execution is left as it is. */
  JsonNode stop(JsonNode req) throws SfnServiceException {
    Execution e = execution(ApiJson.requiredString(req, "executionArn"));
    e.abort(ApiJson.optionalString(req, "error"), ApiJson.optionalString(req, "cause"), clock.millis());
    ObjectNode out = Json.object();
    out.set("stopDate", ApiJson.timestamp(e.stopDate()));
    return out;
  }

  /**
   * GetExecutionHistory: {executionArn, maxResults?, reverseOrder?, nextToken?, includeExecutionData?} →
   * {events: [HistoryEvent], nextToken?}.
   */
  JsonNode history(JsonNode req) throws SfnServiceException {
    String arn = ApiJson.requiredString(req, "executionArn");
    Execution e = execution(arn);
    int max = ApiJson.maxResults(req, 100);
    boolean reverse = ApiJson.optionalBoolean(req, "reverseOrder", false);
    boolean includeData = ApiJson.optionalBoolean(req, "includeExecutionData", true);
    String scope = "GetExecutionHistory:" + arn + ":" + reverse;
    int offset = PageToken.decode(ApiJson.optionalString(req, "nextToken"), scope);
    List<HistoryEvent> events = e.history().snapshot();
    if (reverse) {
      Collections.reverse(events);
    }
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("events");
    for (int i = offset; i < Math.min(events.size(), offset + max); i++) {
      ObjectNode ev = events.get(i).render();
      if (!includeData) {
        stripData(ev);
      }
      items.add(ev);
    }
    if (offset + max < events.size()) {
      out.put("nextToken", PageToken.encode(scope, offset + max));
    }
    return out;
  }

  private static void stripData(ObjectNode event) {
    for (Map.Entry<String, JsonNode> f : event.properties()) {
      if (f.getValue().isObject()) {
        ((ObjectNode) f.getValue()).remove(List.of("input", "output", "parameters"));
      }
    }
  }

  private Execution execution(String arn) throws SfnServiceException {
    arns.parseExecution(arn);
    Execution e = registry.execution(arn);
    if (e == null) {
      throw new SfnServiceException("ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'",
          ApiJson.BAD_REQUEST);
    }
    return e;
  }
}
