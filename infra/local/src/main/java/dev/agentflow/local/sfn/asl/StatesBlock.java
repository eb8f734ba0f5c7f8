package dev.agentflow.local.sfn.asl;

import java.util.Map;

/**
 * A set of states with a start state: the top level of a state machine, a Parallel branch or a Map item
 * processor. Transitions never leave a block. Source: ASL spec, "Top-level fields", "Parallel State", "Map
 * State".
 *
 * @param startAt the first state's name
 * @param states the states by name, in definition order
 */
public record StatesBlock(String startAt, Map<String, State> states) {

  /** @return the state named {@code name}; never {@code null} for names that passed validation */
  public State state(String name) {
    return states.get(name);
  }
}
