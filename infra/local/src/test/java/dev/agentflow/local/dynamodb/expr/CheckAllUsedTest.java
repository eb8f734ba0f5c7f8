package dev.agentflow.local.dynamodb.expr;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class CheckAllUsedTest {

  private static final ObjectNode NAMES = Json.obj("{'#a':'a','#b':'b'}");
  private static final ObjectNode VALUES = Json.obj("{':x':{'S':'x'},':y':{'S':'y'}}");

  @Test
  void checkAllUsed_whenEveryPlaceholderUsedAcrossExpressions_shouldPass() {
    Condition c = Expressions.condition("#a = :x", NAMES, VALUES);
    Update u = Expressions.update("SET #b = :y", NAMES, VALUES);
    assertDoesNotThrow(() -> Expressions.checkAllUsed(NAMES, VALUES, c, u, null));
  }

  @Test
  void checkAllUsed_whenSomeUnused_shouldNameThemNamesFirst() {
    Condition c = Expressions.condition("#a = :x", NAMES, VALUES);
    assertEquals("Value provided in ExpressionAttributeNames unused in expressions: keys: {#b}",
        assertThrows(DynamoDbError.class, () -> Expressions.checkAllUsed(NAMES, VALUES, c)).getMessage());
    Condition both = Expressions.condition("#a = :x AND #b = :x", NAMES, VALUES);
    assertEquals("Value provided in ExpressionAttributeValues unused in expressions: keys: {:y}",
        assertThrows(DynamoDbError.class, () -> Expressions.checkAllUsed(NAMES, VALUES, both)).getMessage());
  }
}
