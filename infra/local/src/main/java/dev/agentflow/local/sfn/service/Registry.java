package dev.agentflow.local.sfn.service;

import dev.agentflow.local.sfn.engine.Execution;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * In-memory index of state machines (by name) and executions (by ARN, and per state machine in start order).
 * Executions outlive the deletion of their state machine, as on AWS.
 */
final class Registry {

  private final ConcurrentHashMap<String, StateMachineRecord> machines = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Execution> executions = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, List<Execution>> byMachine = new ConcurrentHashMap<>();

  StateMachineRecord machine(String name) {
    return machines.get(name);
  }

  /** @return the existing record with that name, or {@code null} after adding {@code sm} */
  StateMachineRecord addMachine(StateMachineRecord sm) {
    return machines.putIfAbsent(sm.name(), sm);
  }

  StateMachineRecord removeMachine(String name) {
    return machines.remove(name);
  }

  /** @return all state machines, oldest first */
  List<StateMachineRecord> machines() {
    List<StateMachineRecord> out = new ArrayList<>(machines.values());
    out.sort(Comparator.comparing(StateMachineRecord::creationDate).thenComparing(StateMachineRecord::name));
    return out;
  }

  Execution execution(String arn) {
    return executions.get(arn);
  }

  /** @return the existing execution with that ARN, or {@code null} after adding {@code e} (in start order) */
  Execution addExecution(Execution e) {
    Execution existing = executions.putIfAbsent(e.identity().arn(), e);
    if (existing == null) {
      List<Execution> list = byMachine.computeIfAbsent(e.identity().stateMachineName(), k -> new ArrayList<>());
      synchronized (list) {
        list.add(e);
      }
    }
    return existing;
  }

  /** @return the executions of a state machine, newest first */
  List<Execution> executionsOf(String stateMachineName) {
    List<Execution> list = byMachine.get(stateMachineName);
    if (list == null) {
      return List.of();
    }
    List<Execution> out;
    synchronized (list) {
      out = new ArrayList<>(list);
    }
    java.util.Collections.reverse(out); // the list is in start order
    return out;
  }

  /** @return every execution still RUNNING */
  List<Execution> running() {
    List<Execution> out = new ArrayList<>();
    for (Execution e : executions.values()) {
      if (e.status() == Execution.Status.RUNNING) {
        out.add(e);
      }
    }
    return out;
  }
}
