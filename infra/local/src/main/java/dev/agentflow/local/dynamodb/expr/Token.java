package dev.agentflow.local.dynamodb.expr;

/**
 * One token of an expression.
 *
 * @param type the kind
 * @param text the text as written
 * @param start offset of the first character in the expression
 * @param end offset after the last character
 */
record Token(TokenType type, String text, int start, int end) {}
