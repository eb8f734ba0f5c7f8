package dev.agentflow.local.sfn.service;

import java.time.Instant;

/**
 * A published state machine version (immutable). Source: developer guide, "State machine versions".
 *
 * @param number the version number, from 1
 * @param arn {@code <stateMachineArn>:<number>}
 * @param revision the published revision
 * @param description the version description, or {@code null}
 * @param creationDate when it was published
 */
record VersionRecord(int number, String arn, Revision revision, String description, Instant creationDate) {}
