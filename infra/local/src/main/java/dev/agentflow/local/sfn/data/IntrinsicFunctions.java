package dev.agentflow.local.sfn.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The intrinsic functions of JSONPath states: States.Format, StringToJson, JsonToString, Array,
 * ArrayPartition, ArrayContains, ArrayRange, ArrayGetItem, ArrayLength, ArrayUnique, Base64Encode,
 * Base64Decode, Hash, JsonMerge (shallow), MathRandom, MathAdd, StringSplit, UUID. Nested calls are evaluated
 * innermost first. A bad argument fails with {@code States.IntrinsicFailure}; a path argument that selects
 * nothing with {@code States.Runtime}.
 *
 * <p>Source: Step Functions developer guide, "Intrinsic functions for JSONPath states".
 */
public final class IntrinsicFunctions {

  /** Minimum and maximum argument counts per function. */
  private static final Map<String, int[]> ARITY = Map.ofEntries(
      Map.entry("States.Format", new int[] {1, Integer.MAX_VALUE}),
      Map.entry("States.StringToJson", new int[] {1, 1}),
      Map.entry("States.JsonToString", new int[] {1, 1}),
      Map.entry("States.Array", new int[] {0, Integer.MAX_VALUE}),
      Map.entry("States.ArrayPartition", new int[] {2, 2}),
      Map.entry("States.ArrayContains", new int[] {2, 2}),
      Map.entry("States.ArrayRange", new int[] {3, 3}),
      Map.entry("States.ArrayGetItem", new int[] {2, 2}),
      Map.entry("States.ArrayLength", new int[] {1, 1}),
      Map.entry("States.ArrayUnique", new int[] {1, 1}),
      Map.entry("States.Base64Encode", new int[] {1, 1}),
      Map.entry("States.Base64Decode", new int[] {1, 1}),
      Map.entry("States.Hash", new int[] {2, 2}),
      Map.entry("States.JsonMerge", new int[] {3, 3}),
      Map.entry("States.MathRandom", new int[] {2, 3}),
      Map.entry("States.MathAdd", new int[] {2, 2}),
      Map.entry("States.StringSplit", new int[] {2, 2}),
      Map.entry("States.UUID", new int[] {0, 0}));

  private static final int MAX_ENCODE_CHARS = 10_000;
  private static final int MAX_RANGE_ITEMS = 1000;

  private IntrinsicFunctions() {}

  /** @return whether {@code name} is a supported intrinsic function */
  public static boolean isKnown(String name) {
    return ARITY.containsKey(name);
  }

  /** @throws IllegalArgumentException if {@code count} arguments are not allowed for {@code name} */
  static void checkArity(String name, int count) {
    int[] range = ARITY.get(name);
    if (count < range[0] || count > range[1]) {
      throw new IllegalArgumentException("Invalid number of arguments (" + count + ") for " + name);
    }
  }

  /**
   * Evaluates a parsed call.
   *
   * @param call the call
   * @param input the effective input, root of {@code $} arguments
   * @param context supplies the context object, root of {@code $$} arguments
   * @return the result value
   * @throws StatesError {@code States.IntrinsicFailure} or {@code States.Runtime}
   */
  public static JsonNode evaluate(IntrinsicExpr.Call call, JsonNode input, Bindings context) {
    List<JsonNode> args = new ArrayList<>(call.args().size());
    for (IntrinsicExpr arg : call.args()) {
      args.add(value(arg, call, input, context));
    }
    try {
      return apply(call, args);
    } catch (StatesError e) {
      throw e;
    } catch (RuntimeException e) {
      throw fail(call, e.getMessage());
    }
  }

  private static JsonNode value(IntrinsicExpr arg, IntrinsicExpr.Call call, JsonNode input, Bindings ctx) {
    if (arg instanceof IntrinsicExpr.Literal lit) {
      return lit.value();
    }
    if (arg instanceof IntrinsicExpr.PathArg p) {
      JsonNode v = p.path().read(input, ctx);
      if (v == null) {
        throw StatesError.runtime("The JsonPath argument for the field '" + p.path().text()
            + "' could not be found in the input '" + Json.write(p.path().isContextPath() ? ctx.context() : input)
            + "' of the intrinsic function " + call.text());
      }
      return v;
    }
    return evaluate((IntrinsicExpr.Call) arg, input, ctx);
  }

  private static JsonNode apply(IntrinsicExpr.Call call, List<JsonNode> a) {
    return switch (call.name()) {
      case "States.Format" -> format(call, a);
      case "States.StringToJson" -> stringToJson(call, a.get(0));
      case "States.JsonToString" -> Json.NODES.textNode(Json.write(a.get(0)));
      case "States.Array" -> {
        ArrayNode arr = Json.NODES.arrayNode(a.size());
        arr.addAll(a);
        yield arr;
      }
      case "States.ArrayPartition" -> partition(call, array(call, a.get(0), 1), integer(call, a.get(1), 2));
      case "States.ArrayContains" -> {
        for (JsonNode item : array(call, a.get(0), 1)) {
          if (JsonValues.equal(item, a.get(1))) {
            yield Json.NODES.booleanNode(true);
          }
        }
        yield Json.NODES.booleanNode(false);
      }
      case "States.ArrayRange" -> range(call, integer(call, a.get(0), 1), integer(call, a.get(1), 2),
          integer(call, a.get(2), 3));
      case "States.ArrayGetItem" -> {
        ArrayNode arr = array(call, a.get(0), 1);
        long idx = integer(call, a.get(1), 2);
        if (idx < 0 || idx >= arr.size()) {
          throw fail(call, "The index provided (" + idx + ") is out of bounds for an array of length " + arr.size());
        }
        yield arr.get((int) idx);
      }
      case "States.ArrayLength" -> Json.NODES.numberNode(array(call, a.get(0), 1).size());
      case "States.ArrayUnique" -> {
        ArrayNode out = Json.NODES.arrayNode();
        for (JsonNode item : array(call, a.get(0), 1)) {
          boolean seen = false;
          for (JsonNode kept : out) {
            if (JsonValues.equal(kept, item)) {
              seen = true;
              break;
            }
          }
          if (!seen) {
            out.add(item);
          }
        }
        yield out;
      }
      case "States.Base64Encode" -> {
        String s = limited(call, string(call, a.get(0), 1));
        yield Json.NODES.textNode(Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8)));
      }
      case "States.Base64Decode" -> {
        String s = limited(call, string(call, a.get(0), 1));
        try {
          yield Json.NODES.textNode(new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
          throw fail(call, "The input is not valid Base64: " + e.getMessage());
        }
      }
      case "States.Hash" -> hash(call, a.get(0), string(call, a.get(1), 2));
      case "States.JsonMerge" -> merge(call, a);
      case "States.MathRandom" -> random(call, a);
      case "States.MathAdd" -> add(call, a.get(0), a.get(1));
      case "States.StringSplit" -> split(string(call, a.get(0), 1), string(call, a.get(1), 2));
      case "States.UUID" -> Json.NODES.textNode(UUID.randomUUID().toString());
      default -> throw fail(call, "Unknown intrinsic function");
    };
  }

  private static JsonNode format(IntrinsicExpr.Call call, List<JsonNode> a) {
    JsonNode template = a.get(0);
    if (!template.isTextual()) {
      throw fail(call, "The first argument must be a string, but was " + Json.typeName(template));
    }
    IntrinsicExpr first = call.args().get(0);
    // For a literal template, escaped braces (\{ \}) are text, not placeholders.
    String raw = first instanceof IntrinsicExpr.Literal lit ? lit.raw() : template.textValue();
    boolean escapes = first instanceof IntrinsicExpr.Literal;
    StringBuilder out = new StringBuilder(raw.length() + 16);
    int argIndex = 1;
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (escapes && c == '\\' && i + 1 < raw.length()) {
        out.append(raw.charAt(++i));
      } else if (c == '{' && i + 1 < raw.length() && raw.charAt(i + 1) == '}') {
        if (argIndex >= a.size()) {
          throw fail(call, "Number of arguments does not match the occurrences of {}");
        }
        out.append(formatValue(call, a.get(argIndex++)));
        i++;
      } else {
        out.append(c);
      }
    }
    if (argIndex != a.size()) {
      throw fail(call, "Number of arguments does not match the occurrences of {}");
    }
    return Json.NODES.textNode(out.toString());
  }

  private static String formatValue(IntrinsicExpr.Call call, JsonNode v) {
    if (v.isTextual()) {
      return v.textValue();
    }
    if (v.isNumber() || v.isBoolean() || v.isNull()) {
      return Json.write(v);
    }
    throw fail(call, "Format arguments must be strings, numbers, booleans or null, but one was " + Json.typeName(v));
  }

  private static JsonNode stringToJson(IntrinsicExpr.Call call, JsonNode v) {
    String s = string(call, v, 1);
    try {
      return Json.parse(s);
    } catch (JsonProcessingException e) {
      throw fail(call, "The argument is not a valid JSON string: " + e.getOriginalMessage());
    }
  }

  private static JsonNode partition(IntrinsicExpr.Call call, ArrayNode arr, long size) {
    if (size <= 0) {
      throw fail(call, "The chunk size must be a positive integer, but was " + size);
    }
    ArrayNode out = Json.NODES.arrayNode();
    ArrayNode chunk = null;
    for (JsonNode item : arr) {
      if (chunk == null || chunk.size() == size) {
        chunk = out.addArray();
      }
      chunk.add(item);
    }
    return out;
  }

  private static JsonNode range(IntrinsicExpr.Call call, long start, long end, long step) {
    if (step == 0) {
      throw fail(call, "The step must not be 0");
    }
    ArrayNode out = Json.NODES.arrayNode();
    if ((step > 0 && start > end) || (step < 0 && start < end)) {
      return out;
    }
    long count = (end - start) / step + 1;
    if (count > MAX_RANGE_ITEMS) {
      throw fail(call, "The result cannot contain more than " + MAX_RANGE_ITEMS + " items");
    }
    for (long i = 0; i < count; i++) {
      out.add(Json.number(start + i * step));
    }
    return out;
  }

  private static JsonNode hash(IntrinsicExpr.Call call, JsonNode data, String algorithm) {
    String text = limited(call, data.isTextual() ? data.textValue() : Json.write(data));
    String alg = switch (algorithm) {
      case "MD5", "SHA-1", "SHA-256", "SHA-384", "SHA-512" -> algorithm;
      default -> throw fail(call, "Unsupported hash algorithm '" + algorithm
          + "'; use one of MD5, SHA-1, SHA-256, SHA-384, SHA-512");
    };
    try {
      byte[] digest = MessageDigest.getInstance(alg).digest(text.getBytes(StandardCharsets.UTF_8));
      return Json.NODES.textNode(HexFormat.of().formatHex(digest));
    } catch (NoSuchAlgorithmException e) {
      throw fail(call, "Hash algorithm not available: " + alg);
    }
  }

  private static JsonNode merge(IntrinsicExpr.Call call, List<JsonNode> a) {
    JsonNode left = a.get(0);
    JsonNode right = a.get(1);
    JsonNode deep = a.get(2);
    if (!left.isObject() || !right.isObject()) {
      throw fail(call, "Both arguments to merge must be JSON objects");
    }
    if (!deep.isBoolean()) {
      throw fail(call, "The third argument must be a boolean");
    }
    if (deep.booleanValue()) {
      throw fail(call, "Deep merging is not supported; the third argument must be false");
    }
    ObjectNode out = Json.object();
    out.setAll((ObjectNode) left);
    out.setAll((ObjectNode) right);
    return out;
  }

  /** A random integer from start to end, both included (as AWS returns; LocalStack's tested port agrees). */
  private static JsonNode random(IntrinsicExpr.Call call, List<JsonNode> a) {
    long start = integer(call, a.get(0), 1);
    long end = integer(call, a.get(1), 2);
    if (end < start) {
      throw fail(call, "The end value must not be smaller than the start value");
    }
    long span = end - start + 1;
    long value = a.size() == 3
        ? start + Math.floorMod(new Random(integer(call, a.get(2), 3)).nextLong(), span)
        : start + ThreadLocalRandom.current().nextLong(span);
    return Json.number(value);
  }

  private static JsonNode add(IntrinsicExpr.Call call, JsonNode x, JsonNode y) {
    if (!x.isNumber() || !y.isNumber()) {
      throw fail(call, "Both arguments must be numbers");
    }
    if (x.isIntegralNumber() && y.isIntegralNumber()) {
      return Json.number(Math.addExact(x.longValue(), y.longValue()));
    }
    return Json.NODES.numberNode(x.doubleValue() + y.doubleValue());
  }

  private static JsonNode split(String s, String delimiters) {
    ArrayNode out = Json.NODES.arrayNode();
    if (delimiters.isEmpty()) {
      out.add(s);
      return out;
    }
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      if (delimiters.indexOf(s.charAt(i)) >= 0) {
        out.add(s.substring(start, i));
        start = i + 1;
      }
    }
    out.add(s.substring(start));
    return out;
  }

  private static ArrayNode array(IntrinsicExpr.Call call, JsonNode v, int position) {
    if (!v.isArray()) {
      throw fail(call, "Argument " + position + " must be an array, but was " + Json.typeName(v));
    }
    return (ArrayNode) v;
  }

  private static String string(IntrinsicExpr.Call call, JsonNode v, int position) {
    if (!v.isTextual()) {
      throw fail(call, "Argument " + position + " must be a string, but was " + Json.typeName(v));
    }
    return v.textValue();
  }

  private static long integer(IntrinsicExpr.Call call, JsonNode v, int position) {
    if (v.isIntegralNumber() && v.canConvertToLong()) {
      return v.longValue();
    }
    if (v.isNumber() && v.decimalValue().stripTrailingZeros().scale() <= 0) {
      return v.decimalValue().longValueExact();
    }
    throw fail(call, "Argument " + position + " must be an integer, but was " + Json.write(v));
  }

  private static String limited(IntrinsicExpr.Call call, String s) {
    if (s.length() > MAX_ENCODE_CHARS) {
      throw fail(call, "The input must be at most " + MAX_ENCODE_CHARS + " characters");
    }
    return s;
  }

  private static StatesError fail(IntrinsicExpr.Call call, String reason) {
    return new StatesError(ErrorNames.INTRINSIC_FAILURE,
        "An error occurred while executing the intrinsic function " + call.text() + ": " + reason);
  }
}
