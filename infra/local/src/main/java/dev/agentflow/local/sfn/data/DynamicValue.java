package dev.agentflow.local.sfn.data;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The value of a {@code .$} field (or of ErrorPath / CausePath): a path into the input ({@code $...}), into
 * the context object ({@code $$...}), or an intrinsic function call ({@code States....}).
 *
 * <p>Source: ASL spec, "Payload Template" and "Intrinsic Functions".
 */
public final class DynamicValue {

  private final String fieldName;
  private final JsonPathExpr path;
  private final IntrinsicExpr.Call call;

  private DynamicValue(String fieldName, JsonPathExpr path, IntrinsicExpr.Call call) {
    this.fieldName = fieldName;
    this.path = path;
    this.call = call;
  }

  /**
   * @param fieldName the field as written, e.g. {@code "id.$"}, used in error causes
   * @param text the field's value
   * @throws IllegalArgumentException if {@code text} is neither a valid path nor a valid intrinsic call
   */
  public static DynamicValue compile(String fieldName, String text) {
    if (IntrinsicParser.looksLikeCall(text)) {
      return new DynamicValue(fieldName, null, IntrinsicParser.parse(text));
    }
    if (text.startsWith("$")) {
      return new DynamicValue(fieldName, JsonPathExpr.compile(text), null);
    }
    throw new IllegalArgumentException(
        "The value for the field '" + fieldName + "' must be a valid JSONPath or a valid intrinsic function call");
  }

  /** @return whether this is an intrinsic function call */
  public boolean isIntrinsic() {
    return call != null;
  }

  /**
   * @return the value
   * @throws StatesError {@code States.Runtime} if a path selects nothing; {@code States.IntrinsicFailure} if
   *     an intrinsic function fails
   */
  public JsonNode evaluate(JsonNode input, Bindings context) {
    if (call != null) {
      return IntrinsicFunctions.evaluate(call, input, context);
    }
    JsonNode v = path.read(input, context);
    if (v == null) {
      throw StatesError.runtime("The JSONPath '" + path.text() + "' specified for the field '" + fieldName
          + "' could not be found in the input '" + Json.write(path.isContextPath() ? context.context() : input) + "'");
    }
    return v;
  }
}
