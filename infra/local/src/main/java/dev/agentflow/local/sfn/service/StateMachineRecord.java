package dev.agentflow.local.sfn.service;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A state machine: its name, type, current revision and published versions. Thread-safe (synchronized).
 */
final class StateMachineRecord {

  private final String name;
  private final String arn;
  private final String type;
  private final Instant creationDate;
  private Revision current;
  private final List<VersionRecord> versions = new ArrayList<>();
  private int nextVersion;

  StateMachineRecord(String name, String arn, String type, Instant creationDate, Revision current,
      List<VersionRecord> versions, int nextVersion) {
    this.name = name;
    this.arn = arn;
    this.type = type;
    this.creationDate = creationDate;
    this.current = current;
    this.versions.addAll(versions);
    this.nextVersion = nextVersion;
  }

  String name() {
    return name;
  }

  String arn() {
    return arn;
  }

  String type() {
    return type;
  }

  Instant creationDate() {
    return creationDate;
  }

  synchronized Revision current() {
    return current;
  }

  synchronized void update(Revision revision) {
    current = Objects.requireNonNull(revision);
  }

  /** @return a copy of the versions, oldest first */
  synchronized List<VersionRecord> versions() {
    return new ArrayList<>(versions);
  }

  synchronized int nextVersion() {
    return nextVersion;
  }

  /** @return the version with that number, or {@code null} */
  synchronized VersionRecord version(int number) {
    for (VersionRecord v : versions) {
      if (v.number() == number) {
        return v;
      }
    }
    return null;
  }

  /**
   * Publishes the current revision, unless the newest version already is that revision.
   *
   * @return the new or existing version
   */
  synchronized VersionRecord publish(Arns arns, String description, Instant now) {
    if (!versions.isEmpty()) {
      VersionRecord last = versions.get(versions.size() - 1);
      if (last.revision().revisionId().equals(current.revisionId())) {
        return last;
      }
    }
    int number = Math.max(nextVersion, 1);
    VersionRecord v = new VersionRecord(number, arns.version(name, number), current, description, now);
    versions.add(v);
    nextVersion = number + 1;
    return v;
  }

  synchronized boolean deleteVersion(int number) {
    return versions.removeIf(v -> v.number() == number);
  }
}
