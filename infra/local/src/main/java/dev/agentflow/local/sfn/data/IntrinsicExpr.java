package dev.agentflow.local.sfn.data;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * A parsed intrinsic function argument or call. Produced by {@link IntrinsicParser}, evaluated by
 * {@link IntrinsicFunctions}. Source: ASL spec, "Intrinsic Functions".
 */
public sealed interface IntrinsicExpr {

  /** A call such as {@code States.Format('{}', $.a)}; {@code text} is the call as written. */
  record Call(String name, List<IntrinsicExpr> args, String text) implements IntrinsicExpr {}

  /**
   * A literal: string (single-quoted, unescaped into {@code value}; {@code raw} keeps the escapes, which
   * States.Format needs to tell {@code \{\}} from a placeholder), number, boolean or null.
   */
  record Literal(JsonNode value, String raw) implements IntrinsicExpr {}

  /** A path argument ({@code $.a}, {@code $$.Execution.Id}). */
  record PathArg(JsonPathExpr path) implements IntrinsicExpr {}
}
