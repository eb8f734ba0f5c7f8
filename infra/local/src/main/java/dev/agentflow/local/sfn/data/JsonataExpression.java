package dev.agentflow.local.sfn.data;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One JSONata expression written as {@code {% ... %}} in a JSONata state. Evaluated with {@code $states} and
 * the workflow variables it names bound, plus the functions Step Functions adds to JSONata: {@code $partition},
 * {@code $range}, {@code $hash}, {@code $random}, {@code $uuid} and {@code $parse}. A failure is a
 * {@code States.QueryEvaluationError}. Parsed JSONata objects keep per-evaluation state, so each thread gets
 * its own.
 *
 * <p>Source: developer guide, "Transforming data with JSONata in Step Functions".
 */
public final class JsonataExpression {

  /** The error name of a failed JSONata evaluation. */
  public static final String QUERY_EVALUATION_ERROR = "States.QueryEvaluationError";
  private static final Pattern VARIABLE = Pattern.compile("\\$([A-Za-z_][A-Za-z0-9_]*)");
  private static final Set<String> STEP_FUNCTIONS_FUNCTIONS = Set.of("partition", "range", "hash", "random", "uuid",
      "parse");

  private final String text;
  private final String body;
  private final List<String> names;
  private final ThreadLocal<Jsonata> compiled;

  private JsonataExpression(String text, String body, List<String> names) {
    this.text = text;
    this.body = body;
    this.names = names;
    this.compiled = ThreadLocal.withInitial(() -> Jsonata.jsonata(body));
  }

  /** @return whether {@code value} is written as a JSONata expression ({@code {% ... %}}) */
  public static boolean isExpression(String value) {
    String t = value.strip();
    return t.startsWith("{%") && t.endsWith("%}") && t.length() >= 4;
  }

  /**
   * @param text {@code {% expression %}}
   * @throws IllegalArgumentException if it is not one or does not parse
   */
  public static JsonataExpression compile(String text) {
    if (!isExpression(text)) {
      throw new IllegalArgumentException("A JSONata expression must be written as {% ... %}: " + text);
    }
    String t = text.strip();
    String body = t.substring(2, t.length() - 2).strip();
    try {
      Jsonata.jsonata(body);
    } catch (JException | IllegalArgumentException e) {
      throw new IllegalArgumentException("Invalid JSONata expression " + text + ": " + e.getMessage(), e);
    }
    Set<String> names = new LinkedHashSet<>();
    Matcher m = VARIABLE.matcher(body);
    while (m.find()) {
      names.add(m.group(1));
    }
    names.remove("states");
    return new JsonataExpression(text, body, List.copyOf(names));
  }

  /** @return the expression as written */
  public String text() {
    return text;
  }

  /**
   * @return the JSONata result as a Java value (see {@link JsonataValues}); {@code null} means undefined
   * @throws StatesError {@code States.QueryEvaluationError}
   */
  public Object evaluateRaw(JsonataScope scope) {
    Jsonata expr = compiled.get();
    try {
      Jsonata.Frame frame = expr.createFrame();
      frame.bind("states", scope.states());
      for (String name : names) {
        JsonNode value = scope.variable(name);
        if (value != null) {
          frame.bind(name, JsonataValues.toJava(value));
        } else if (STEP_FUNCTIONS_FUNCTIONS.contains(name)) {
          bindFunction(frame, name);
        }
      }
      return expr.evaluate(null, frame);
    } catch (StatesError e) {
      throw e;
    } catch (RuntimeException e) {
      throw new StatesError(QUERY_EVALUATION_ERROR,
          "An error occurred while evaluating the JSONata expression " + text + ": " + e.getMessage());
    }
  }

  /**
   * @return the result as JSON; undefined is an error
   * @throws StatesError {@code States.QueryEvaluationError}
   */
  public JsonNode evaluate(JsonataScope scope) {
    JsonNode v = JsonataValues.toJson(evaluateRaw(scope));
    if (v == null) {
      throw new StatesError(QUERY_EVALUATION_ERROR, "The JSONata expression " + text + " returned nothing");
    }
    return v;
  }

  private static void bindFunction(Jsonata.Frame frame, String name) {
    switch (name) {
      case "uuid" -> frame.bind("uuid", Jsonata.function("uuid", (Jsonata.Fn0<String>) () -> UUID.randomUUID()
          .toString(), null));
      case "parse" -> frame.bind("parse", Jsonata.function("parse", (Jsonata.Fn1<String, Object>) s -> {
        try {
          return JsonataValues.toJava(Json.parse(s));
        } catch (JsonProcessingException e) {
          throw new StatesError(QUERY_EVALUATION_ERROR, "$parse: not valid JSON: " + e.getOriginalMessage());
        }
      }, null));
      case "hash" -> frame.bind("hash", Jsonata.function("hash", (Jsonata.Fn2<Object, String, String>) (data, alg) -> {
        String textValue = data instanceof String s ? s : Json.write(JsonataValues.toJson(data));
        try {
          return HexFormat.of().formatHex(MessageDigest.getInstance(alg).digest(textValue.getBytes(
              StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
          throw new StatesError(QUERY_EVALUATION_ERROR, "$hash: unsupported algorithm " + alg);
        }
      }, null));
      case "random" -> frame.bind("random", Jsonata.function("random", (Jsonata.FnVarArgs<Double>) args ->
          args.isEmpty() || args.get(0) == null ? ThreadLocalRandom.current().nextDouble()
              : new Random(((Number) args.get(0)).longValue()).nextDouble(), null));
      case "partition" -> frame.bind("partition", Jsonata.function("partition",
          (Jsonata.Fn2<List<Object>, Number, List<Object>>) (list, size) -> {
            List<Object> out = new ArrayList<>();
            int n = size.intValue();
            if (n <= 0) {
              throw new StatesError(QUERY_EVALUATION_ERROR, "$partition: the size must be positive");
            }
            for (int i = 0; i < list.size(); i += n) {
              out.add(new ArrayList<>(list.subList(i, Math.min(list.size(), i + n))));
            }
            return out;
          }, null));
      case "range" -> frame.bind("range", Jsonata.function("range",
          (Jsonata.Fn3<Number, Number, Number, List<Object>>) (start, end, step) -> {
            List<Object> out = new ArrayList<>();
            long s = start.longValue();
            long e = end.longValue();
            long st = step.longValue();
            if (st == 0) {
              throw new StatesError(QUERY_EVALUATION_ERROR, "$range: the step must not be 0");
            }
            for (long v = s; st > 0 ? v <= e : v >= e; v += st) {
              out.add(v);
              if (out.size() > 1000) {
                throw new StatesError(QUERY_EVALUATION_ERROR, "$range: more than 1000 items");
              }
            }
            return out;
          }, null));
      default -> throw new IllegalStateException("Unknown Step Functions JSONata function " + name);
    }
  }

  @Override
  public String toString() {
    return text + " (" + body + ")";
  }
}
