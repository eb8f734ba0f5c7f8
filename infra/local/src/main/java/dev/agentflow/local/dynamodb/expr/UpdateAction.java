package dev.agentflow.local.dynamodb.expr;

/**
 * One action of an update expression.
 *
 * @param kind SET, REMOVE, ADD or DELETE
 * @param path the path written or removed
 * @param value the SET value or the ADD/DELETE operand ({@code null} for REMOVE)
 */
record UpdateAction(Kind kind, DocumentPath path, Operand value) {

  /** The four clauses. */
  enum Kind { SET, REMOVE, ADD, DELETE }
}
