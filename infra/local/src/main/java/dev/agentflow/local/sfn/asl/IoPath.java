package dev.agentflow.local.sfn.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.local.sfn.data.Bindings;
import dev.agentflow.local.sfn.data.Json;
import dev.agentflow.local.sfn.data.JsonPathExpr;
import dev.agentflow.local.sfn.data.StatesError;

/**
 * An InputPath or OutputPath: absent means {@code $} (the whole value), JSON {@code null} means an empty
 * object {@code {}}, otherwise the path's selection. Source: ASL spec, "InputPath, Parameters, ResultSelector,
 * ResultPath and OutputPath"; developer guide, "InputPath" (a null InputPath passes {} as input).
 */
public final class IoPath {

  /** The path {@code $}: the value unchanged. */
  public static final IoPath IDENTITY = new IoPath(null, false);
  /** The JSON null path: an empty object. */
  public static final IoPath EMPTY = new IoPath(null, true);

  private final JsonPathExpr path;
  private final boolean empty;

  private IoPath(JsonPathExpr path, boolean empty) {
    this.path = path;
    this.empty = empty;
  }

  /** @return the IoPath for a compiled path ({@code $} gives {@link #IDENTITY}) */
  public static IoPath of(JsonPathExpr path) {
    return "$".equals(path.text()) ? IDENTITY : new IoPath(path, false);
  }

  /**
   * @param value the value to select from
   * @param context supplies the context object for {@code $$} paths
   * @param field "InputPath" or "OutputPath", for the error cause
   * @return the selection
   * @throws StatesError {@code States.Runtime} if the path selects nothing
   */
  public JsonNode apply(JsonNode value, Bindings context, String field) {
    if (path == null) {
      return empty ? Json.object() : value;
    }
    JsonNode v = path.read(value, context);
    if (v == null) {
      throw StatesError.runtime("Invalid path '" + path.text() + "' : No results for path: " + path.text()
          + " (" + field + ")");
    }
    return v;
  }
}
