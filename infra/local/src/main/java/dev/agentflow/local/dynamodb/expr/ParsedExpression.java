package dev.agentflow.local.dynamodb.expr;

import java.util.Set;

/** A parsed expression of a request, with the ExpressionAttributeNames / Values placeholders it refers to. */
public interface ParsedExpression {

  /** @return the {@code #name} placeholders used (with the {@code #}) */
  Set<String> usedNames();

  /** @return the {@code :value} placeholders used (with the {@code :}) */
  Set<String> usedValues();
}
