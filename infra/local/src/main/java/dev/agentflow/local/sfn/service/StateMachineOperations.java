package dev.agentflow.local.sfn.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.local.sfn.SfnServiceException;
import dev.agentflow.local.sfn.asl.DefinitionParser;
import dev.agentflow.local.sfn.asl.InvalidDefinitionException;
import dev.agentflow.local.sfn.asl.StateMachineDefinition;
import dev.agentflow.local.sfn.data.Json;
import dev.agentflow.local.sfn.data.JsonValues;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The state machine operations: CreateStateMachine, UpdateStateMachine, DescribeStateMachine,
 * ListStateMachines, DeleteStateMachine, PublishStateMachineVersion, ListStateMachineVersions,
 * DeleteStateMachineVersion. Request and response members as in the AWS Step Functions API reference.
 */
final class StateMachineOperations {

  private static final String DEFAULT_ROLE = "arn:aws:iam::000000000000:role/agentflow-local-sfn";

  private final Registry registry;
  private final Arns arns;
  private final Persistence persistence;
  private final Clock clock;

  StateMachineOperations(Registry registry, Arns arns, Persistence persistence, Clock clock) {
    this.registry = registry;
    this.arns = arns;
    this.persistence = persistence;
    this.clock = clock;
  }

  /**
   * CreateStateMachine: {name, definition, roleArn, type?, loggingConfiguration?, tracingConfiguration?, tags?,
   * publish?, versionDescription?} → {stateMachineArn, creationDate, stateMachineVersionArn?}. Idempotent for
   * the same name, definition, type and configurations; otherwise StateMachineAlreadyExists.
   */
  JsonNode create(JsonNode req) throws SfnServiceException {
    String name = ApiJson.requiredString(req, "name");
    String definition = ApiJson.requiredString(req, "definition");
    String roleArn = Objects.requireNonNullElse(ApiJson.optionalString(req, "roleArn"), DEFAULT_ROLE);
    String type = Objects.requireNonNullElse(ApiJson.optionalString(req, "type"), "STANDARD");
    boolean publish = ApiJson.optionalBoolean(req, "publish", false);
    String versionDescription = ApiJson.optionalString(req, "versionDescription");
    if (!type.equals("STANDARD") && !type.equals("EXPRESS")) {
      throw ApiJson.validation("Value '" + type + "' at 'type' failed to satisfy constraint: Member must satisfy"
          + " enum value set: [STANDARD, EXPRESS]");
    }
    if (versionDescription != null && !publish) {
      throw ApiJson.validation("Version description can only be set when publish is true");
    }
    Arns.checkName(name);
    StateMachineDefinition parsed = parse(definition);
    Revision revision = new Revision(definition, parsed, roleArn, logging(req), tracing(req),
        UUID.randomUUID().toString(), clock.instant());
    StateMachineRecord sm = new StateMachineRecord(name, arns.stateMachine(name), type, clock.instant(), revision,
        List.of(), 1);
    StateMachineRecord existing = registry.addMachine(sm);
    if (existing != null) {
      Revision cur = existing.current();
      boolean same = cur.definition().equals(definition) && existing.type().equals(type)
          && JsonValues.equal(cur.loggingConfiguration(), revision.loggingConfiguration())
          && JsonValues.equal(cur.tracingConfiguration(), revision.tracingConfiguration());
      if (!same) {
        throw new SfnServiceException("StateMachineAlreadyExists",
            "State Machine Already Exists: '" + existing.arn() + "'", ApiJson.BAD_REQUEST);
      }
      sm = existing;
    }
    ObjectNode out = Json.object();
    out.put("stateMachineArn", sm.arn());
    out.set("creationDate", ApiJson.timestamp(sm.creationDate()));
    if (publish) {
      VersionRecord v = sm.publish(arns, versionDescription, clock.instant());
      out.put("stateMachineVersionArn", v.arn());
    }
    save(sm);
    return out;
  }

  /**
   * UpdateStateMachine: {stateMachineArn, definition?, roleArn?, loggingConfiguration?, tracingConfiguration?,
   * publish?, versionDescription?} → {updateDate, revisionId, stateMachineVersionArn?}.
   */
  JsonNode update(JsonNode req) throws SfnServiceException {
    String arn = ApiJson.requiredString(req, "stateMachineArn");
    Arns.StateMachineRef ref = arns.parseStateMachine(arn);
    if (ref.version() != 0) {
      throw ApiJson.validation("Value '" + arn + "' at 'stateMachineArn' failed to satisfy constraint: a version"
          + " ARN cannot be updated");
    }
    String definition = ApiJson.optionalString(req, "definition");
    String roleArn = ApiJson.optionalString(req, "roleArn");
    boolean publish = ApiJson.optionalBoolean(req, "publish", false);
    String versionDescription = ApiJson.optionalString(req, "versionDescription");
    if (definition == null && roleArn == null && !req.has("loggingConfiguration") && !req.has("tracingConfiguration")
        && !publish) {
      throw new SfnServiceException("MissingRequiredParameter",
          "Either the definition, the roleArn, the loggingConfiguration or the tracingConfiguration must be specified",
          ApiJson.BAD_REQUEST);
    }
    if (versionDescription != null && !publish) {
      throw ApiJson.validation("Version description can only be set when publish is true");
    }
    StateMachineRecord sm = machine(ref.name(), arn);
    StateMachineDefinition parsed = definition == null ? null : parse(definition);
    Revision cur = sm.current();
    boolean changed = (definition != null && !definition.equals(cur.definition()))
        || (roleArn != null && !roleArn.equals(cur.roleArn()))
        || (req.has("loggingConfiguration") && !JsonValues.equal(logging(req), cur.loggingConfiguration()))
        || (req.has("tracingConfiguration") && !JsonValues.equal(tracing(req), cur.tracingConfiguration()));
    Revision next = cur;
    if (changed) {
      next = new Revision(definition == null ? cur.definition() : definition,
          parsed == null ? cur.parsed() : parsed, roleArn == null ? cur.roleArn() : roleArn,
          req.has("loggingConfiguration") ? logging(req) : cur.loggingConfiguration(),
          req.has("tracingConfiguration") ? tracing(req) : cur.tracingConfiguration(),
          UUID.randomUUID().toString(), clock.instant());
      sm.update(next);
    }
    ObjectNode out = Json.object();
    out.set("updateDate", ApiJson.timestamp(next.date()));
    out.put("revisionId", next.revisionId());
    if (publish) {
      out.put("stateMachineVersionArn", sm.publish(arns, versionDescription, clock.instant()).arn());
    }
    save(sm);
    return out;
  }

  /**
   * DescribeStateMachine: {stateMachineArn} (a state machine or version ARN) → {stateMachineArn, name, status,
   * definition, roleArn, type, creationDate, loggingConfiguration, tracingConfiguration, revisionId,
   * description?}.
   */
  JsonNode describe(JsonNode req) throws SfnServiceException {
    String arn = ApiJson.requiredString(req, "stateMachineArn");
    Arns.StateMachineRef ref = arns.parseStateMachine(arn);
    StateMachineRecord sm = machine(ref.name(), arn);
    Revision r;
    ObjectNode out = Json.object();
    if (ref.version() != 0) {
      VersionRecord v = version(sm, ref.version(), arn);
      r = v.revision();
      out.put("stateMachineArn", v.arn());
    } else {
      r = sm.current();
      out.put("stateMachineArn", sm.arn());
    }
    out.put("name", sm.name());
    out.put("status", "ACTIVE");
    out.put("definition", r.definition());
    out.put("roleArn", r.roleArn());
    out.put("type", sm.type());
    if (ref.version() != 0) {
      VersionRecord v = version(sm, ref.version(), arn);
      out.set("creationDate", ApiJson.timestamp(v.creationDate()));
      if (v.description() != null) {
        out.put("description", v.description());
      }
    } else {
      out.set("creationDate", ApiJson.timestamp(sm.creationDate()));
    }
    out.set("loggingConfiguration", r.loggingConfiguration());
    out.set("tracingConfiguration", r.tracingConfiguration());
    out.put("revisionId", r.revisionId());
    return out;
  }

  /** ListStateMachines: {maxResults?, nextToken?} → {stateMachines: [{stateMachineArn, name, type, creationDate}], nextToken?}. */
  JsonNode list(JsonNode req) throws SfnServiceException {
    int max = ApiJson.maxResults(req, 100);
    int offset = PageToken.decode(ApiJson.optionalString(req, "nextToken"), "ListStateMachines");
    List<StateMachineRecord> all = registry.machines();
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("stateMachines");
    for (int i = offset; i < Math.min(all.size(), offset + max); i++) {
      StateMachineRecord sm = all.get(i);
      ObjectNode item = items.addObject();
      item.put("stateMachineArn", sm.arn());
      item.put("name", sm.name());
      item.put("type", sm.type());
      item.set("creationDate", ApiJson.timestamp(sm.creationDate()));
    }
    if (offset + max < all.size()) {
      out.put("nextToken", PageToken.encode("ListStateMachines", offset + max));
    }
    return out;
  }

  /** DeleteStateMachine: {stateMachineArn} → {}. Deleting an unknown state machine succeeds, as on AWS. */
  JsonNode delete(JsonNode req) throws SfnServiceException {
    String arn = ApiJson.requiredString(req, "stateMachineArn");
    Arns.StateMachineRef ref = arns.parseStateMachine(arn);
    if (ref.version() != 0) {
      throw ApiJson.validation("Value '" + arn + "' at 'stateMachineArn' failed to satisfy constraint: use"
          + " DeleteStateMachineVersion to delete a version");
    }
    if (registry.removeMachine(ref.name()) != null && persistence != null) {
      persistence.deleteStateMachine(ref.name());
    }
    return Json.object();
  }

  /** PublishStateMachineVersion: {stateMachineArn, revisionId?, description?} → {creationDate, stateMachineVersionArn}. */
  JsonNode publish(JsonNode req) throws SfnServiceException {
    String arn = ApiJson.requiredString(req, "stateMachineArn");
    Arns.StateMachineRef ref = arns.parseStateMachine(arn);
    if (ref.version() != 0) {
      throw ApiJson.validation("Value '" + arn + "' at 'stateMachineArn' failed to satisfy constraint: must be"
          + " an unqualified state machine ARN");
    }
    StateMachineRecord sm = machine(ref.name(), arn);
    String revisionId = ApiJson.optionalString(req, "revisionId");
    if (revisionId != null && !revisionId.equals(sm.current().revisionId())) {
      throw new SfnServiceException("ConflictException", "Failed to publish the State Machine version: revisionId '"
          + revisionId + "' is not the latest revision", ApiJson.BAD_REQUEST);
    }
    VersionRecord v = sm.publish(arns, ApiJson.optionalString(req, "description"), clock.instant());
    save(sm);
    ObjectNode out = Json.object();
    out.set("creationDate", ApiJson.timestamp(v.creationDate()));
    out.put("stateMachineVersionArn", v.arn());
    return out;
  }

  /** ListStateMachineVersions: {stateMachineArn, maxResults?, nextToken?} → {stateMachineVersions: [...], nextToken?}, newest first. */
  JsonNode listVersions(JsonNode req) throws SfnServiceException {
    String arn = ApiJson.requiredString(req, "stateMachineArn");
    Arns.StateMachineRef ref = arns.parseStateMachine(arn);
    StateMachineRecord sm = machine(ref.name(), arn);
    int max = ApiJson.maxResults(req, 100);
    String scope = "ListStateMachineVersions:" + sm.arn();
    int offset = PageToken.decode(ApiJson.optionalString(req, "nextToken"), scope);
    List<VersionRecord> versions = sm.versions();
    java.util.Collections.reverse(versions);
    ObjectNode out = Json.object();
    ArrayNode items = out.putArray("stateMachineVersions");
    for (int i = offset; i < Math.min(versions.size(), offset + max); i++) {
      ObjectNode item = items.addObject();
      item.put("stateMachineVersionArn", versions.get(i).arn());
      item.set("creationDate", ApiJson.timestamp(versions.get(i).creationDate()));
    }
    if (offset + max < versions.size()) {
      out.put("nextToken", PageToken.encode(scope, offset + max));
    }
    return out;
  }

  /** DeleteStateMachineVersion: {stateMachineVersionArn} → {}. */
  JsonNode deleteVersion(JsonNode req) throws SfnServiceException {
    String arn = ApiJson.requiredString(req, "stateMachineVersionArn");
    Arns.StateMachineRef ref = arns.parseStateMachine(arn);
    if (ref.version() == 0) {
      throw ApiJson.validation("Value '" + arn + "' at 'stateMachineVersionArn' failed to satisfy constraint:"
          + " must be a version ARN");
    }
    StateMachineRecord sm = registry.machine(ref.name());
    if (sm != null && sm.deleteVersion(ref.version())) {
      save(sm);
    }
    return Json.object();
  }

  StateMachineRecord machine(String name, String arn) throws SfnServiceException {
    StateMachineRecord sm = registry.machine(name);
    if (sm == null) {
      throw new SfnServiceException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'",
          ApiJson.BAD_REQUEST);
    }
    return sm;
  }

  static VersionRecord version(StateMachineRecord sm, int number, String arn) throws SfnServiceException {
    VersionRecord v = sm.version(number);
    if (v == null) {
      throw new SfnServiceException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'",
          ApiJson.BAD_REQUEST);
    }
    return v;
  }

  private static StateMachineDefinition parse(String definition) throws SfnServiceException {
    try {
      return DefinitionParser.parse(definition);
    } catch (InvalidDefinitionException e) {
      throw new SfnServiceException("InvalidDefinition", e.getMessage(), ApiJson.BAD_REQUEST);
    }
  }

  private static JsonNode logging(JsonNode req) {
    JsonNode v = req.get("loggingConfiguration");
    if (v != null && v.isObject()) {
      return v;
    }
    ObjectNode d = Json.object();
    d.put("level", "OFF");
    d.put("includeExecutionData", false);
    return d;
  }

  private static JsonNode tracing(JsonNode req) {
    JsonNode v = req.get("tracingConfiguration");
    return v != null && v.isObject() ? v : Json.object().put("enabled", false);
  }

  private void save(StateMachineRecord sm) {
    if (persistence != null) {
      persistence.saveStateMachine(sm);
    }
  }
}
