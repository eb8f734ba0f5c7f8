package dev.agentflow.local.sfn.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.local.sfn.asl.Assignment;
import dev.agentflow.local.sfn.asl.Catcher;
import dev.agentflow.local.sfn.asl.ChoiceState;
import dev.agentflow.local.sfn.asl.FailState;
import dev.agentflow.local.sfn.asl.IoPath;
import dev.agentflow.local.sfn.asl.MapState;
import dev.agentflow.local.sfn.asl.ParallelState;
import dev.agentflow.local.sfn.asl.PassState;
import dev.agentflow.local.sfn.asl.ResultPathSpec;
import dev.agentflow.local.sfn.asl.Retrier;
import dev.agentflow.local.sfn.asl.State;
import dev.agentflow.local.sfn.asl.StatesBlock;
import dev.agentflow.local.sfn.asl.SucceedState;
import dev.agentflow.local.sfn.asl.TaskState;
import dev.agentflow.local.sfn.asl.WaitState;
import dev.agentflow.local.sfn.data.Bindings;
import dev.agentflow.local.sfn.data.ErrorNames;
import dev.agentflow.local.sfn.data.Json;
import dev.agentflow.local.sfn.data.JsonataExpression;
import dev.agentflow.local.sfn.data.JsonataScope;
import dev.agentflow.local.sfn.data.JsonataTemplate;
import dev.agentflow.local.sfn.data.PayloadTemplate;
import dev.agentflow.local.sfn.data.StatesError;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Runs one block of states (the top level, a Parallel branch or a Map iteration) state after state. Pure states
 * run back to back in {@link #run()}; a state that must wait returns {@link Outcome#PENDING} and its completion
 * re-enters through {@link #continueWith(Outcome)} on a worker thread. Only one state of a block is in flight
 * at a time, so the fields need no locking (hand-offs go through executors and atomics, which publish them).
 *
 * <p>Implements the ASL input/output pipeline (InputPath → Parameters → task → ResultSelector → ResultPath →
 * OutputPath; in JSONata states Arguments → task → Output), workflow variables (Assign), Retry and Catch.
 * Source: ASL spec, "Input and Output Processing", "Errors"; developer guide, "Transforming data with JSONata",
 * "Passing data between states with variables".
 */
final class ScopeRun {

  /** Told how the block ended. */
  interface Listener {
    void succeeded(JsonNode output, long lastEventId);

    void failed(String error, String cause, long lastEventId);
  }

  private static final Map<String, EventType[]> EVENT_TYPES = Map.of(
      "Pass", new EventType[] {EventType.PassStateEntered, EventType.PassStateExited},
      "Task", new EventType[] {EventType.TaskStateEntered, EventType.TaskStateExited},
      "Choice", new EventType[] {EventType.ChoiceStateEntered, EventType.ChoiceStateExited},
      "Wait", new EventType[] {EventType.WaitStateEntered, EventType.WaitStateExited},
      "Succeed", new EventType[] {EventType.SucceedStateEntered, EventType.SucceedStateExited},
      "Fail", new EventType[] {EventType.FailStateEntered, null},
      "Parallel", new EventType[] {EventType.ParallelStateEntered, EventType.ParallelStateExited},
      "Map", new EventType[] {EventType.MapStateEntered, EventType.MapStateExited});

  final Engine engine;
  final Execution exec;
  private final StatesBlock block;
  private final CancelToken token;
  private final Listener listener;
  private final VariableScope vars;
  private final Bindings bindings = new Bindings() {
    @Override
    public JsonNode context() {
      return ScopeRun.this.context();
    }

    @Override
    public JsonNode variable(String name) {
      return vars.get(name);
    }
  };

  private long lastEventId;
  private State state;
  private EventType[] stateEvents;
  private JsonNode rawInput;
  private long enteredMillis;
  private long enteredEventId;
  private int retryCount;
  private int[] retrierCounts;
  private ObjectNode context;

  ScopeRun(Engine engine, Execution exec, StatesBlock block, CancelToken token, VariableScope vars,
      Listener listener) {
    this.engine = engine;
    this.exec = exec;
    this.block = block;
    this.token = token;
    this.vars = vars;
    this.listener = listener;
  }

  /** Enters the start state with {@code input} and runs. */
  void start(JsonNode input, long previousEventId) {
    lastEventId = previousEventId;
    if (token.isCancelled()) {
      return;
    }
    enter(block.startAt(), input);
    run();
  }

  /** Runs states until one is pending or the block ends. */
  void run() {
    while (!token.isCancelled()) {
      Outcome o;
      try {
        o = execute();
      } catch (StatesError e) {
        o = Outcome.failed(e.error(), e.cause());
      }
      if (o == Outcome.PENDING || !advance(o)) {
        return;
      }
    }
  }

  /** Continues with the outcome of a pending state, on the current (worker) thread. */
  void continueWith(Outcome o) {
    if (!token.isCancelled() && advance(o)) {
      run();
    }
  }

  // ---- state bookkeeping -------------------------------------------------------------------------------------

  State state() {
    return state;
  }

  JsonNode rawInput() {
    return rawInput;
  }

  Bindings bindings() {
    return bindings;
  }

  VariableScope vars() {
    return vars;
  }

  /** @return the {@code $states} scope of the current state for JSONata expressions */
  JsonataScope jsonataScope(JsonNode result, JsonNode errorOutput) {
    return new JsonataScope(rawInput, result, errorOutput, null, bindings);
  }

  CancelToken token() {
    return token;
  }

  long lastEventId() {
    return lastEventId;
  }

  /** Appends a history event (with details or none) after this block's previous one; @return its id. */
  long event(EventType type, EventDetail detail) {
    lastEventId = exec.history().append(type, lastEventId, engine.nowMillis(), detail);
    return lastEventId;
  }

  private JsonNode context() {
    if (context == null) {
      context = exec.contextObject(state.name(), enteredMillis, retryCount, null);
    }
    return context;
  }

  /** @return a context object with {@code $$.Map.Item} set, for a Map state's ItemSelector */
  JsonNode mapItemContext(int index, JsonNode value) {
    ObjectNode item = Json.object();
    item.put("Index", index);
    item.set("Value", value);
    return exec.contextObject(state.name(), enteredMillis, retryCount, item);
  }

  private void enter(String name, JsonNode input) {
    state = block.state(name);
    stateEvents = EVENT_TYPES.get(state.type());
    rawInput = input;
    enteredMillis = engine.nowMillis();
    retryCount = 0;
    retrierCounts = null;
    context = null;
    lastEventId = exec.history().appendState(stateEvents[0], lastEventId, enteredMillis, name, input);
    enteredEventId = lastEventId;
  }

  /** @return whether a new state was entered and the loop should go on */
  private boolean advance(Outcome o) {
    if (o.failed) {
      return handleError(o.error, o.cause);
    }
    lastEventId = exec.history().appendState(stateEvents[1], lastEventId, engine.nowMillis(), state.name(), o.output);
    if (o.next != null) {
      enter(o.next, o.output);
      return true;
    }
    listener.succeeded(o.output, lastEventId);
    return false;
  }

  private boolean handleError(String error, String cause) {
    String why = cause;
    if (ErrorNames.RUNTIME.equals(error) && (why == null || !why.startsWith("An error occurred while executing"))) {
      why = "An error occurred while executing the state '" + state.name() + "' (entered at the event id #"
          + enteredEventId + "). " + (why == null ? "" : why);
    }
    List<Retrier> retriers = state.retry();
    for (int i = 0; i < retriers.size(); i++) {
      Retrier r = retriers.get(i);
      if (!r.matches(error)) {
        continue;
      }
      if (retrierCounts == null) {
        retrierCounts = new int[retriers.size()];
      }
      if (retrierCounts[i] < r.maxAttempts()) {
        retrierCounts[i]++;
        retryCount++;
        context = null;
        long delay = Math.round(r.delaySeconds(retrierCounts[i], ThreadLocalRandom.current().nextDouble()) * 1000);
        engine.schedule(exec, delay, this::run);
        return false;
      }
      break; // the first matching retrier decides; exhausted means: go on to the catchers
    }
    for (Catcher c : state.catchers()) {
      if (c.matches(error)) {
        ObjectNode errorOutput = Json.object();
        errorOutput.put("Error", error);
        if (why != null) {
          errorOutput.put("Cause", why);
        }
        JsonNode next;
        try {
          if (state.jsonata() != null) {
            JsonataScope scope = jsonataScope(null, errorOutput);
            next = c.output() == null ? errorOutput : c.output().evaluate(scope);
            assign(c.assign(), errorOutput, scope);
          } else {
            next = c.resultPath().apply(rawInput, errorOutput);
            assign(c.assign(), errorOutput, null);
          }
        } catch (StatesError e) {
          listener.failed(e.error(), e.cause(), lastEventId);
          return false;
        }
        enter(c.next(), next);
        return true;
      }
    }
    listener.failed(error, why, lastEventId);
    return false;
  }

  // ---- states ------------------------------------------------------------------------------------------------

  private Outcome execute() {
    State s = state;
    if (s instanceof PassState p) {
      return pass(p);
    }
    if (s instanceof TaskState t) {
      return TaskStep.run(this, t);
    }
    if (s instanceof ChoiceState c) {
      return choice(c);
    }
    if (s instanceof WaitState w) {
      return waitState(w);
    }
    if (s instanceof SucceedState ok) {
      if (ok.jsonata() != null) {
        return Outcome.next(null, jsonataOutput(rawInput, null));
      }
      JsonNode effective = ok.inputPath().apply(rawInput, bindings, "InputPath");
      return Outcome.next(null, ok.outputPath().apply(effective, bindings, "OutputPath"));
    }
    if (s instanceof FailState f) {
      return fail(f);
    }
    if (s instanceof ParallelState p) {
      return parallel(p);
    }
    return map((MapState) s);
  }

  private Outcome pass(PassState p) {
    if (p.jsonata() != null) {
      return done(jsonataOutput(rawInput, null), rawInput, null);
    }
    JsonNode effective = effectiveInput(p.inputPath().apply(rawInput, bindings, "InputPath"), p.parameters());
    JsonNode result = p.result() != null ? p.result() : effective;
    JsonNode out = p.outputPath().apply(p.resultPath().apply(rawInput, result), bindings, "OutputPath");
    return done(out, result, null);
  }

  /** @return the Output of a JSONata state, or {@code dflt} without one */
  JsonNode jsonataOutput(JsonNode dflt, JsonNode result) {
    JsonataTemplate output = state.jsonata().output();
    return output == null ? dflt : output.evaluate(jsonataScope(result, null));
  }

  /**
   * Finishes the current state successfully: applies its Assign (after the output was computed, so both saw the
   * variables as they were at state entry) and moves to its Next.
   *
   * @param assignRoot what {@code $} means in a JSONPath Assign
   * @param result {@code $states.result} in a JSONata Assign, or {@code null}
   */
  Outcome done(JsonNode output, JsonNode assignRoot, JsonNode result) {
    Assignment a = state.assign();
    if (a != null) {
      assign(a, assignRoot, state.jsonata() != null ? jsonataScope(result, null) : null);
    }
    return Outcome.next(state.transition().next(), output);
  }

  private void assign(Assignment a, JsonNode root, JsonataScope scope) {
    if (a != null) {
      vars.assign(a.evaluate(root, bindings, scope));
    }
  }

  JsonNode effectiveInput(JsonNode selected, PayloadTemplate parameters) {
    return parameters == null ? selected : parameters.evaluate(selected, bindings);
  }

  /**
   * Applies ResultSelector, ResultPath and OutputPath of the current state to a result.
   *
   * @return the state's outcome (a failure if a path fails)
   */
  Outcome finish(JsonNode result, PayloadTemplate resultSelector, ResultPathSpec resultPath, IoPath outputPath) {
    try {
      if (state.jsonata() != null) {
        return done(jsonataOutput(result, result), result, result);
      }
      JsonNode selected = resultSelector == null ? result : resultSelector.evaluate(result, bindings);
      JsonNode out = outputPath.apply(resultPath.apply(rawInput, selected), bindings, "OutputPath");
      return done(out, selected, null);
    } catch (StatesError e) {
      return Outcome.failed(e.error(), e.cause());
    }
  }

  private Outcome choice(ChoiceState c) {
    JsonNode effective = c.inputPath().apply(rawInput, bindings, "InputPath");
    boolean jsonata = c.jsonata() != null;
    for (ChoiceState.Branch b : c.choices()) {
      if (b.rule().test(effective, bindings)) {
        JsonNode out = !jsonata ? c.outputPath().apply(effective, bindings, "OutputPath")
            : b.output() != null ? b.output().evaluate(jsonataScope(null, null)) : jsonataOutput(rawInput, null);
        chosen(c, b.assign(), effective);
        return Outcome.next(b.next(), out);
      }
    }
    if (c.defaultNext() != null) {
      JsonNode out = jsonata ? jsonataOutput(rawInput, null) : c.outputPath().apply(effective, bindings, "OutputPath");
      chosen(c, null, effective);
      return Outcome.next(c.defaultNext(), out);
    }
    throw new StatesError(ErrorNames.NO_CHOICE_MATCHED,
        "No Choice rule of state '" + c.name() + "' matched and no Default is specified.");
  }

  /** Applies the Choice state's Assign and then the matched rule's (which wins for the same name). */
  private void chosen(ChoiceState c, Assignment ruleAssign, JsonNode effective) {
    JsonataScope scope = c.jsonata() != null ? jsonataScope(null, null) : null;
    Map<String, JsonNode> values = new LinkedHashMap<>();
    if (c.assign() != null) {
      values.putAll(c.assign().evaluate(effective, bindings, scope));
    }
    if (ruleAssign != null) {
      values.putAll(ruleAssign.evaluate(effective, bindings, scope));
    }
    vars.assign(values);
  }

  private Outcome waitState(WaitState w) {
    if (w.jsonata() != null) {
      return jsonataWait(w);
    }
    JsonNode effective = w.inputPath().apply(rawInput, bindings, "InputPath");
    long delayMillis;
    if (w.seconds() != null) {
      delayMillis = w.seconds() * 1000;
    } else if (w.timestamp() != null) {
      delayMillis = w.timestamp().toEpochMilli() - engine.nowMillis();
    } else if (w.secondsPath() != null) {
      JsonNode v = w.secondsPath().read(effective, bindings);
      if (v == null || !v.isIntegralNumber() || v.longValue() < 0) {
        throw StatesError.runtime("The SecondsPath parameter does not reference a valid non-negative integer: "
            + w.secondsPath().text() + " = " + (v == null ? "(missing)" : Json.write(v)));
      }
      delayMillis = v.longValue() * 1000;
    } else {
      JsonNode v = w.timestampPath().read(effective, bindings);
      OffsetDateTime ts = v != null && v.isTextual() ? parseTimestamp(v.textValue()) : null;
      if (ts == null) {
        throw StatesError.runtime("The TimestampPath parameter does not reference a valid ISO-8601 extended offset"
            + " date-time format string: " + w.timestampPath().text() + " = " + (v == null ? "(missing)" : Json.write(v)));
      }
      delayMillis = ts.toInstant().toEpochMilli() - engine.nowMillis();
    }
    return waitFor(delayMillis, done(w.outputPath().apply(effective, bindings, "OutputPath"), effective, null));
  }

  private Outcome waitFor(long delayMillis, Outcome done) {
    if (delayMillis <= 0) {
      return done;
    }
    engine.schedule(exec, delayMillis, () -> continueWith(done));
    return Outcome.PENDING;
  }

  private Outcome jsonataWait(WaitState w) {
    JsonataScope scope = jsonataScope(null, null);
    long delayMillis;
    if (w.jsonata().seconds() != null) {
      JsonNode v = w.jsonata().seconds().evaluate(scope);
      if (!v.isIntegralNumber() || v.longValue() < 0) {
        throw new StatesError(JsonataExpression.QUERY_EVALUATION_ERROR,
            "The Seconds field must be a non-negative integer, but was " + Json.write(v));
      }
      delayMillis = v.longValue() * 1000;
    } else {
      JsonNode v = w.jsonata().timestamp().evaluate(scope);
      OffsetDateTime ts = v.isTextual() ? parseTimestamp(v.textValue()) : null;
      if (ts == null) {
        throw new StatesError(JsonataExpression.QUERY_EVALUATION_ERROR,
            "The Timestamp field must be an RFC 3339 timestamp, but was " + Json.write(v));
      }
      delayMillis = ts.toInstant().toEpochMilli() - engine.nowMillis();
    }
    return waitFor(delayMillis, done(jsonataOutput(rawInput, null), rawInput, null));
  }

  private static OffsetDateTime parseTimestamp(String text) {
    try {
      return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private Outcome fail(FailState f) {
    if (f.jsonata() != null) {
      JsonataScope scope = jsonataScope(null, null);
      String error = f.jsonata().error() == null ? null : text(f.jsonata().error().evaluate(scope), "Error");
      String cause = f.jsonata().cause() == null ? null : text(f.jsonata().cause().evaluate(scope), "Cause");
      return Outcome.failed(error, cause);
    }
    String error = f.errorPath() != null ? text(f.errorPath().evaluate(rawInput, bindings), "ErrorPath") : f.error();
    String cause = f.causePath() != null ? text(f.causePath().evaluate(rawInput, bindings), "CausePath") : f.cause();
    return Outcome.failed(error, cause);
  }

  private static String text(JsonNode v, String field) {
    if (!v.isTextual()) {
      throw StatesError.runtime("The value of " + field + " must be a string, but was " + Json.write(v));
    }
    return v.textValue();
  }

  private Outcome parallel(ParallelState p) {
    JsonNode effective = p.jsonata() != null
        ? (p.jsonata().arguments() == null ? rawInput : p.jsonata().arguments().evaluate(jsonataScope(null, null)))
        : effectiveInput(p.inputPath().apply(rawInput, bindings, "InputPath"), p.parameters());
    long started = event(EventType.ParallelStateStarted, null);
    FanOut.parallel(this, p, effective, started);
    return Outcome.PENDING;
  }

  private Outcome map(MapState m) {
    if (m.jsonata() != null) {
      return jsonataMap(m);
    }
    JsonNode effective = m.inputPath().apply(rawInput, bindings, "InputPath");
    JsonNode items = m.itemsPath() == null ? effective : m.itemsPath().read(effective, bindings);
    if (items == null || !items.isArray()) {
      throw StatesError.runtime("Map state input must be an array, but ItemsPath '"
          + (m.itemsPath() == null ? "$" : m.itemsPath().text()) + "' selected "
          + (items == null ? "nothing" : Json.typeName(items)));
    }
    int limit = m.maxConcurrency();
    if (m.maxConcurrencyPath() != null) {
      JsonNode v = m.maxConcurrencyPath().read(effective, bindings);
      if (v == null || !v.isIntegralNumber() || v.intValue() < 0) {
        throw StatesError.runtime("MaxConcurrencyPath must select a non-negative integer: "
            + m.maxConcurrencyPath().text());
      }
      limit = v.intValue();
    }
    long started = event(EventType.MapStateStarted, new EventDetail.MapStarted(items.size()));
    FanOut.map(this, m, effective, (ArrayNode) items, limit, started);
    return Outcome.PENDING;
  }

  private Outcome jsonataMap(MapState m) {
    JsonataScope scope = jsonataScope(null, null);
    JsonNode items = m.jsonata().items() == null ? rawInput : m.jsonata().items().evaluate(scope);
    if (!items.isArray()) {
      throw new StatesError(JsonataExpression.QUERY_EVALUATION_ERROR,
          "The Items of Map state '" + m.name() + "' must be an array, but were " + Json.typeName(items));
    }
    int limit = 0;
    if (m.jsonata().maxConcurrency() != null) {
      JsonNode v = m.jsonata().maxConcurrency().evaluate(scope);
      if (!v.isIntegralNumber() || v.intValue() < 0) {
        throw new StatesError(JsonataExpression.QUERY_EVALUATION_ERROR,
            "MaxConcurrency must be a non-negative integer, but was " + Json.write(v));
      }
      limit = v.intValue();
    }
    long started = event(EventType.MapStateStarted, new EventDetail.MapStarted(items.size()));
    FanOut.map(this, m, rawInput, (ArrayNode) items, limit, started);
    return Outcome.PENDING;
  }

  /**
   * @return the input of Map iteration {@code index}: the item, or the ItemSelector evaluated with
   *     {@code $$.Map.Item} (JSONPath) / {@code $states.context.Map.Item} (JSONata) set
   */
  JsonNode mapIterationInput(MapState m, JsonNode mapInput, int index, JsonNode item) {
    if (m.jsonata() != null) {
      if (m.jsonata().itemSelector() == null) {
        return item;
      }
      return m.jsonata().itemSelector().evaluate(
          new JsonataScope(rawInput, null, null, mapItemContext(index, item), bindings));
    }
    if (m.itemSelector() == null) {
      return item;
    }
    JsonNode ctx = mapItemContext(index, item);
    return m.itemSelector().evaluate(mapInput, new Bindings() {
      @Override
      public JsonNode context() {
        return ctx;
      }

      @Override
      public JsonNode variable(String name) {
        return vars.get(name);
      }
    });
  }
}
