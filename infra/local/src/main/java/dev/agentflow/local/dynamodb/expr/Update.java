package dev.agentflow.local.dynamodb.expr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/** An UpdateExpression. Source: DynamoDB Developer Guide, "Update expressions". */
public interface Update extends ParsedExpression {

  /**
   * @param itemOrNull the current item, or {@code null} when it does not exist (the caller adds the key)
   * @return the new item (the argument is not changed; unchanged attributes may be shared)
   * @throws DynamoDbError ValidationException for an invalid document path or an operand of the wrong type
   */
  ObjectNode apply(ObjectNode itemOrNull);

  /** @return the top-level attribute names written or removed */
  Set<String> topLevelNames();
}
