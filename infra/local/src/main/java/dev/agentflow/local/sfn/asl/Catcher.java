package dev.agentflow.local.sfn.asl;

import dev.agentflow.local.sfn.data.ErrorNames;
import dev.agentflow.local.sfn.data.JsonataTemplate;
import java.util.List;

/**
 * One entry of a Catch array: on a matching error, the error output {@code {"Error": ..., "Cause": ...}} is
 * placed by {@code resultPath} into the state's raw input and the execution moves to {@code next}.
 * Source: ASL spec, "Fallback states"; developer guide, "Error output".
 *
 * @param errorEquals error names matched
 * @param next the state to go to
 * @param resultPath where the error output goes (default {@code $}; JSONPath states)
 * @param assign the catcher's Assign, or {@code null}
 * @param output the catcher's Output (JSONata states; absent: the error output), or {@code null}
 */
public record Catcher(List<String> errorEquals, String next, ResultPathSpec resultPath, Assignment assign,
    JsonataTemplate output) {

  /** @return whether this catcher matches {@code error} */
  public boolean matches(String error) {
    for (String e : errorEquals) {
      if (ErrorNames.matches(e, error)) {
        return true;
      }
    }
    return false;
  }
}
