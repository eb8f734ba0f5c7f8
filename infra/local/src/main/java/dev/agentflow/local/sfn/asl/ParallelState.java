package dev.agentflow.local.sfn.asl;

import dev.agentflow.local.sfn.data.PayloadTemplate;
import java.util.List;

/**
 * Parallel: runs every branch on the effective input at once; the result is the array of branch outputs in
 * branch order; any branch failing fails the state with that branch's error. Source: ASL spec, "Parallel State".
 */
public record ParallelState(String name, Transition transition, IoPath inputPath, PayloadTemplate parameters,
    List<StatesBlock> branches, PayloadTemplate resultSelector, ResultPathSpec resultPath, IoPath outputPath,
    List<Retrier> retry, List<Catcher> catchers, Assignment assign, JsonataFields jsonata) implements State {
  @Override
  public String type() {
    return "Parallel";
  }
}
