package dev.agentflow.local.dynamodb.expr;

/** The tokens of DynamoDB's expression grammar (keywords are case-insensitive). */
enum TokenType {
  ID, NAME_REF, VALUE_REF, INDEX,
  COMMA, LPAREN, RPAREN, DOT, LBRACKET, RBRACKET,
  EQ, NE, LT, LE, GT, GE, PLUS, MINUS,
  IN, BETWEEN, NOT, AND, OR, SET, ADD, DELETE, REMOVE,
  UNKNOWN, EOF
}
