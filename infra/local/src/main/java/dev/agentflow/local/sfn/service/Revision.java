package dev.agentflow.local.sfn.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.local.sfn.asl.StateMachineDefinition;
import java.time.Instant;

/**
 * One revision of a state machine: what CreateStateMachine or UpdateStateMachine set. Versions point at the
 * revision they published.
 *
 * @param definition the ASL text as given
 * @param parsed the parsed definition
 * @param roleArn the role ARN
 * @param loggingConfiguration the loggingConfiguration member as given (or the default)
 * @param tracingConfiguration the tracingConfiguration member as given (or the default)
 * @param revisionId a random id of this revision
 * @param date when the revision was made
 */
record Revision(String definition, StateMachineDefinition parsed, String roleArn, JsonNode loggingConfiguration,
    JsonNode tracingConfiguration, String revisionId, Instant date) {}
