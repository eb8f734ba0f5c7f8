package dev.agentflow.local.sfn.asl;

import dev.agentflow.local.sfn.data.JsonataTemplate;
import java.util.List;

/**
 * Choice: the first rule that holds names the next state, else Default, else {@code States.NoChoiceMatched}.
 * Source: ASL spec, "Choice State".
 *
 * @param choices the rules in order
 * @param defaultNext the Default state, or {@code null}
 */
public record ChoiceState(String name, IoPath inputPath, IoPath outputPath, List<Branch> choices,
    String defaultNext, Assignment assign, JsonataFields jsonata) implements State {

  /**
   * One entry of Choices: a rule (a JSONata Condition in JSONata states), its Next, and the rule's own Assign
   * and (JSONata) Output, each {@code null} when absent.
   */
  public record Branch(ChoiceRule rule, String next, Assignment assign, JsonataTemplate output) {}

  @Override
  public String type() {
    return "Choice";
  }

  @Override
  public Transition transition() {
    return Transition.NONE;
  }
}
