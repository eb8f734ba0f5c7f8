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

  /**
   * What ReturnValues UPDATED_OLD returns: the old item projected to every path of this update, only the changed
   * fragments ({@code SET m.a = :v} gives {@code {"m":{"M":{"a":…}}}}); paths the item lacks are left out. An empty
   * result means DynamoDB leaves {@code Attributes} out of the answer. Source: DynamoDB API Reference, UpdateItem
   * (ReturnValues); the fragment granularity is DynamoDB's as observed (DynamoDB Local 2.6.1 returns whole
   * top-level attributes instead).
   *
   * @param oldItemOrNull the item before the update ({@code null}: an empty result)
   * @return a new item holding only the updated paths
   */
  ObjectNode projectUpdated(ObjectNode oldItemOrNull);

  /**
   * What ReturnValues UPDATED_NEW returns: as {@link #projectUpdated} on the new item, but over the SET, ADD and
   * DELETE paths only (a REMOVE has no new value; a SET past the end of a list finds nothing at its index).
   *
   * @param newItem the item after the update
   * @return a new item holding only the updated paths
   */
  ObjectNode projectUpdatedNew(ObjectNode newItem);
}
