package dev.agentflow.local.dynamodb.engine;

import static dev.agentflow.local.dynamodb.engine.DatabasePersistenceTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Behaviours of the engine the differential test cannot check against DynamoDB Local (where DynamoDB Local differs
 * from DynamoDB, or which its corpus does not reach): nested UPDATED_NEW fragments, index key types written by
 * UpdateItem, the 1 MB page, Scan segments, operations not served.
 */
class DynamoDbServiceTest {

  private Database db;
  private DynamoDbService service;

  @BeforeEach
  void start() throws Exception {
    db = Database.open(null);
    service = new DynamoDbService(db);
    service.call("CreateTable", json("{'TableName':'tbl','BillingMode':'PAY_PER_REQUEST',"
        + "'AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'},{'AttributeName':'sk','AttributeType':'S'},"
        + "{'AttributeName':'g','AttributeType':'S'}],"
        + "'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'},{'AttributeName':'sk','KeyType':'RANGE'}],"
        + "'GlobalSecondaryIndexes':[{'IndexName':'byG','KeySchema':[{'AttributeName':'g','KeyType':'HASH'}],"
        + "'Projection':{'ProjectionType':'KEYS_ONLY'}}]}"));
  }

  @AfterEach
  void stop() throws Exception {
    db.close();
  }

  @Test
  void updateItem_whenNestedPathAndUpdatedNew_shouldReturnOnlyTheFragment() {
    service.call("PutItem", json("{'TableName':'tbl','Item':{'pk':{'S':'a'},'sk':{'S':'b'},"
        + "'m':{'M':{'x':{'N':'1'},'y':{'N':'2'}}}}}"));

    JsonNode out = service.call("UpdateItem", json("{'TableName':'tbl','Key':{'pk':{'S':'a'},'sk':{'S':'b'}},"
        + "'UpdateExpression':'SET m.x = :v','ExpressionAttributeValues':{':v':{'N':'5'}},'ReturnValues':'UPDATED_NEW'}"));

    assertEquals(json("{'Attributes':{'m':{'M':{'x':{'N':'5'}}}}}"), out);
  }

  @Test
  void updateItem_whenIndexKeyGetsTheWrongType_shouldBeRejectedAndChangeNothing() {
    service.call("PutItem", json("{'TableName':'tbl','Item':{'pk':{'S':'a'},'sk':{'S':'b'},'g':{'S':'x'}}}"));

    DynamoDbFailure e = assertThrows(DynamoDbFailure.class, () -> service.call("UpdateItem", json("{'TableName':'tbl',"
        + "'Key':{'pk':{'S':'a'},'sk':{'S':'b'}},'UpdateExpression':'SET g = :n','ExpressionAttributeValues':"
        + "{':n':{'N':'1'}}}")));

    assertEquals("ValidationException", e.type());
    assertTrue(e.getMessage().contains("Type mismatch for Index Key g"), e.getMessage());
    assertEquals("x", service.call("GetItem", json("{'TableName':'tbl','Key':{'pk':{'S':'a'},'sk':{'S':'b'}}}"))
        .at("/Item/g/S").asText());
  }

  @Test
  void query_whenPartitionHoldsMoreThanOneMegabyte_shouldPageAtOneMegabyte() {
    String big = "z".repeat(300 * 1024);
    for (int i = 0; i < 5; i++) {
      service.call("PutItem", json("{'TableName':'tbl','Item':{'pk':{'S':'p'},'sk':{'S':'" + i + "'},'d':{'S':'" + big
          + "'}}}"));
    }
    String query = "{'TableName':'tbl','KeyConditionExpression':'pk = :p','ExpressionAttributeValues':{':p':{'S':'p'}},"
        + "'Select':'COUNT'";

    JsonNode first = service.call("Query", json(query + "}"));
    assertEquals(4, first.get("Count").asInt(), "the page ends at the item that crosses 1 MB");
    assertEquals("3", first.at("/LastEvaluatedKey/sk/S").asText());
    JsonNode second = service.call("Query", json(query + ",'ExclusiveStartKey':" + first.get("LastEvaluatedKey") + "}"));
    assertEquals(1, second.get("Count").asInt());
    assertFalse(second.has("LastEvaluatedKey"));
  }

  @Test
  void scan_whenSegmented_shouldCoverEveryItemExactlyOnce() {
    for (int i = 0; i < 60; i++) {
      service.call("PutItem", json("{'TableName':'tbl','Item':{'pk':{'S':'p" + i + "'},'sk':{'S':'s'}}}"));
    }
    Set<String> seen = new HashSet<>();
    int total = 0;
    for (int segment = 0; segment < 4; segment++) {
      JsonNode page = service.call("Scan", json("{'TableName':'tbl','Segment':" + segment + ",'TotalSegments':4}"));
      for (JsonNode item : page.get("Items")) {
        seen.add(item.at("/pk/S").asText());
        total++;
      }
    }
    assertEquals(60, total);
    assertEquals(60, seen.size());
  }

  @Test
  void query_whenIndexKeysOnly_shouldReturnOnlyKeys() {
    service.call("PutItem", json("{'TableName':'tbl','Item':{'pk':{'S':'a'},'sk':{'S':'b'},'g':{'S':'x'},"
        + "'other':{'S':'hidden'}}}"));

    JsonNode out = service.call("Query", json("{'TableName':'tbl','IndexName':'byG','KeyConditionExpression':'g = :g',"
        + "'ExpressionAttributeValues':{':g':{'S':'x'}}}"));

    assertEquals(json("{'pk':{'S':'a'},'sk':{'S':'b'},'g':{'S':'x'}}"), out.at("/Items/0"));
  }

  @Test
  void call_whenOperationNotServed_shouldNameIt() {
    DynamoDbFailure e = assertThrows(DynamoDbFailure.class, () -> service.call("UpdateTable", json("{}")));

    assertEquals("UnknownOperationException", e.type());
    assertTrue(e.getMessage().contains("UpdateTable"), e.getMessage());
  }
}
