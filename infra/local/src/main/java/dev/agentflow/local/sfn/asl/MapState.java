package dev.agentflow.local.sfn.asl;

import dev.agentflow.local.sfn.data.JsonPathExpr;
import dev.agentflow.local.sfn.data.PayloadTemplate;
import java.util.List;

/**
 * Map (inline): runs {@code processor} once per item of ItemsPath, at most {@code maxConcurrency} at a time
 * (0 = no limit); the result is the array of iteration outputs in item order. Source: ASL spec, "Map State";
 * developer guide, "Map state in Inline mode" (ItemSelector, formerly Parameters; ItemProcessor, formerly
 * Iterator).
 *
 * @param itemsPath ItemsPath (default {@code $})
 * @param itemSelector ItemSelector or legacy Parameters, or {@code null} (the item itself)
 * @param maxConcurrencyPath MaxConcurrencyPath, or {@code null}
 */
public record MapState(String name, Transition transition, IoPath inputPath, JsonPathExpr itemsPath,
    PayloadTemplate itemSelector, StatesBlock processor, int maxConcurrency, JsonPathExpr maxConcurrencyPath,
    PayloadTemplate resultSelector, ResultPathSpec resultPath, IoPath outputPath, List<Retrier> retry,
    List<Catcher> catchers, Assignment assign, JsonataFields jsonata) implements State {
  @Override
  public String type() {
    return "Map";
  }
}
