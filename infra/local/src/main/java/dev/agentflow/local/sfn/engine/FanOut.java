package dev.agentflow.local.sfn.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.agentflow.local.sfn.asl.MapState;
import dev.agentflow.local.sfn.asl.ParallelState;
import dev.agentflow.local.sfn.asl.StatesBlock;
import dev.agentflow.local.sfn.data.Json;
import dev.agentflow.local.sfn.data.StatesError;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs the branches of a Parallel state or the iterations of a Map state concurrently on the worker pool (a
 * Map at most {@code limit} at a time), collects their outputs in order, and on the first failure cancels the
 * others and fails the state with that error. Records ParallelStateSucceeded/Failed, MapIterationStarted/
 * Succeeded/Failed and MapStateSucceeded/Failed.
 *
 * <p>Source: ASL spec, "Parallel State" and "Map State"; developer guide, "Map state" (MaxConcurrency 0 means
 * no limit).
 */
final class FanOut {

  private final ScopeRun parent;
  private final String mapName;
  private final StatesBlock[] blocks;
  private final ArrayNode items;
  private final MapState map;
  private final JsonNode mapInput;
  private final JsonNode parallelInput;
  private final long startedEventId;
  private final Runnable onAllDone;
  private final JsonNode[] results;
  private final AtomicInteger remaining;
  private final AtomicInteger nextIndex;
  private final AtomicBoolean settled = new AtomicBoolean();
  private final CancelToken childToken;
  private final EventType succeededEvent;
  private final EventType failedEvent;

  private FanOut(ScopeRun parent, StatesBlock[] blocks, ParallelState parallel, JsonNode parallelInput,
      MapState map, JsonNode mapInput, ArrayNode items, long startedEventId) {
    this.parent = parent;
    this.blocks = blocks;
    this.parallelInput = parallelInput;
    this.map = map;
    this.mapInput = mapInput;
    this.items = items;
    this.mapName = map == null ? null : map.name();
    this.startedEventId = startedEventId;
    int count = map == null ? blocks.length : items.size();
    this.results = new JsonNode[count];
    this.remaining = new AtomicInteger(count);
    this.nextIndex = new AtomicInteger();
    this.childToken = new CancelToken(parent.token());
    this.succeededEvent = map == null ? EventType.ParallelStateSucceeded : EventType.MapStateSucceeded;
    this.failedEvent = map == null ? EventType.ParallelStateFailed : EventType.MapStateFailed;
    if (map == null) {
      this.onAllDone = () -> parent.continueWith(
          parent.finish(array(), parallel.resultSelector(), parallel.resultPath(), parallel.outputPath()));
    } else {
      this.onAllDone = () -> parent.continueWith(
          parent.finish(array(), map.resultSelector(), map.resultPath(), map.outputPath()));
    }
  }

  static void parallel(ScopeRun parent, ParallelState p, JsonNode input, long startedEventId) {
    FanOut f = new FanOut(parent, p.branches().toArray(StatesBlock[]::new), p, input, null, null, null,
        startedEventId);
    f.launchInitial(f.results.length);
  }

  static void map(ScopeRun parent, MapState m, JsonNode input, ArrayNode items, int limit, long startedEventId) {
    FanOut f = new FanOut(parent, null, null, null, m, input, items, startedEventId);
    int n = f.results.length;
    f.launchInitial(limit <= 0 ? n : Math.min(limit, n));
  }

  private void launchInitial(int count) {
    if (results.length == 0) {
      parent.engine.submit(parent.exec, this::allSucceeded);
      return;
    }
    nextIndex.set(count); // before any launch: completions hand out the indices from count on
    for (int i = 0; i < count; i++) {
      int index = i;
      parent.engine.submit(parent.exec, () -> launch(index));
    }
  }

  private void launch(int index) {
    if (childToken.isCancelled()) {
      return;
    }
    long previous = startedEventId;
    JsonNode input;
    StatesBlock block;
    if (map == null) {
      input = parallelInput;
      block = blocks[index];
    } else {
      block = map.processor();
      try {
        input = parent.mapIterationInput(map, mapInput, index, items.get(index));
      } catch (StatesError e) {
        failed(e.error(), e.cause());
        return;
      }
      previous = parent.exec.history().appendIteration(EventType.MapIterationStarted, startedEventId,
          parent.engine.nowMillis(), mapName, index);
    }
    ScopeRun child = new ScopeRun(parent.engine, parent.exec, block, childToken, new VariableScope(parent.vars()),
        new ScopeRun.Listener() {
      @Override
      public void succeeded(JsonNode output, long lastEventId) {
        if (map != null) {
          parent.exec.history().appendIteration(EventType.MapIterationSucceeded, lastEventId,
              parent.engine.nowMillis(), mapName, index);
        }
        results[index] = output;
        if (remaining.decrementAndGet() == 0) {
          allSucceeded();
        } else {
          int next = nextIndex.getAndIncrement();
          if (next < results.length) {
            parent.engine.submit(parent.exec, () -> launch(next));
          }
        }
      }

      @Override
      public void failed(String error, String cause, long lastEventId) {
        if (map != null) {
          parent.exec.history().appendIteration(EventType.MapIterationFailed, lastEventId,
              parent.engine.nowMillis(), mapName, index);
        }
        FanOut.this.failed(error, cause);
      }
    });
    child.start(input, previous);
  }

  private void allSucceeded() {
    if (!settled.compareAndSet(false, true) || parent.token().isCancelled()) {
      return;
    }
    parent.event(succeededEvent, null);
    onAllDone.run();
  }

  private void failed(String error, String cause) {
    if (!settled.compareAndSet(false, true)) {
      return;
    }
    childToken.cancel();
    if (parent.token().isCancelled()) {
      return;
    }
    parent.event(failedEvent, null);
    parent.continueWith(Outcome.failed(error, cause));
  }

  private ArrayNode array() {
    ArrayNode out = Json.NODES.arrayNode(results.length);
    for (JsonNode r : results) {
      out.add(r);
    }
    return out;
  }
}
