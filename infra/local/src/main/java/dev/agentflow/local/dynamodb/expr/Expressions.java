package dev.agentflow.local.dynamodb.expr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * DynamoDB's expression language: parses condition, filter, update, projection and key condition expressions
 * against a request's ExpressionAttributeNames / ExpressionAttributeValues into compiled, thread-safe objects.
 * Every parse error is a {@link DynamoDbError} ValidationException in DynamoDB's words, e.g.
 * {@code Invalid ConditionExpression: Syntax error; token: "=", near: "= ="}. Sources: Amazon DynamoDB Developer
 * Guide, "Using expressions in DynamoDB"; API Reference, UpdateItem, Query.
 */
public final class Expressions {

  private Expressions() {}

  /**
   * @param text the ConditionExpression
   * @param names ExpressionAttributeNames, or {@code null}
   * @param values ExpressionAttributeValues, or {@code null}
   * @return the compiled condition
   * @throws DynamoDbError ValidationException "Invalid ConditionExpression: …"
   */
  public static Condition condition(String text, ObjectNode names, ObjectNode values) {
    return condition(text, names, values, ExpressionKind.CONDITION);
  }

  /** As {@link #condition(String, ObjectNode, ObjectNode)} for a FilterExpression ("Invalid FilterExpression: …"). */
  public static Condition filter(String text, ObjectNode names, ObjectNode values) {
    return condition(text, names, values, ExpressionKind.FILTER);
  }

  private static Condition condition(String text, ObjectNode names, ObjectNode values, ExpressionKind kind) {
    ConditionParser parser = new ConditionParser(text, kind, names, values);
    ConditionNode root = parser.parse();
    return new ParsedCondition(root, parser.usedNames, parser.usedValues, parser.topNames);
  }

  /**
   * @return the compiled UpdateExpression
   * @throws DynamoDbError ValidationException "Invalid UpdateExpression: …"
   */
  public static Update update(String text, ObjectNode names, ObjectNode values) {
    UpdateParser parser = new UpdateParser(text, names, values);
    List<UpdateAction> actions = parser.parseActions();
    return new ParsedUpdate(actions, parser.usedNames, parser.usedValues);
  }

  /**
   * @return the compiled ProjectionExpression
   * @throws DynamoDbError ValidationException "Invalid ProjectionExpression: …"
   */
  public static Projection projection(String text, ObjectNode names) {
    ProjectionParser parser = new ProjectionParser(text, names);
    List<DocumentPath> paths = parser.parse();
    return new ParsedProjection(paths, parser.usedNames);
  }

  /**
   * @param hashKeyName the table's (or index's) hash key attribute
   * @param rangeKeyName its range key attribute, or {@code null}
   * @return the compiled KeyConditionExpression
   * @throws DynamoDbError ValidationException ("Invalid KeyConditionExpression: …", "Query condition missed key
   *     schema element: pk", "Query key condition not supported")
   */
  public static KeyCondition keyCondition(String text, ObjectNode names, ObjectNode values, String hashKeyName,
      String rangeKeyName) {
    ConditionParser parser = new ConditionParser(text, ExpressionKind.KEY_CONDITION, names, values);
    ConditionNode root = parser.parse();
    return KeyConditionCompiler.compile(parser, root, hashKeyName, rangeKeyName);
  }

  /**
   * Checks that every ExpressionAttributeNames and ExpressionAttributeValues entry is used by one of the request's
   * expressions.
   *
   * @param expressions the request's parsed expressions ({@code null}s ignored)
   * @throws DynamoDbError ValidationException "Value provided in ExpressionAttributeNames unused in expressions:
   *     keys: {#a, #b}" (names first), then the same for values
   */
  public static void checkAllUsed(ObjectNode names, ObjectNode values, ParsedExpression... expressions) {
    Set<String> usedNames = new HashSet<>();
    Set<String> usedValues = new HashSet<>();
    for (ParsedExpression e : expressions) {
      if (e != null) {
        usedNames.addAll(e.usedNames());
        usedValues.addAll(e.usedValues());
      }
    }
    unused("ExpressionAttributeNames", names, usedNames);
    unused("ExpressionAttributeValues", values, usedValues);
  }

  private static void unused(String parameter, ObjectNode given, Set<String> used) {
    if (given == null) {
      return;
    }
    List<String> unused = new ArrayList<>();
    for (Iterator<String> it = given.fieldNames(); it.hasNext();) {
      String key = it.next();
      if (!used.contains(key)) {
        unused.add(key);
      }
    }
    if (!unused.isEmpty()) {
      throw DynamoDbError.validation("Value provided in " + parameter + " unused in expressions: keys: {"
          + String.join(", ", unused) + "}");
    }
  }
}
