package dev.agentflow.local.dynamodb.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine's durability ({@link Database} over {@link Journal}): what was written is there after close and
 * reopen, after a crash (journal flushed, never closed; a torn last line), deleted tables stay deleted, TTL settings
 * survive; and the TTL sweep deletes exactly the expired items.
 */
class DatabasePersistenceTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
  private static final long NOW = CLOCK.instant().getEpochSecond();

  @TempDir
  Path dir;

  static ObjectNode json(String text) {
    try {
      return (ObjectNode) JSON.readTree(text.replace('\'', '"'));
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }

  private static void createTables(DynamoDbService db) {
    db.call("CreateTable", json("{'TableName':'events','BillingMode':'PAY_PER_REQUEST',"
        + "'AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'},{'AttributeName':'sk','AttributeType':'S'},"
        + "{'AttributeName':'g','AttributeType':'S'}],"
        + "'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'},{'AttributeName':'sk','KeyType':'RANGE'}],"
        + "'GlobalSecondaryIndexes':[{'IndexName':'byG','KeySchema':[{'AttributeName':'g','KeyType':'HASH'}],"
        + "'Projection':{'ProjectionType':'ALL'}}]}"));
    db.call("UpdateTimeToLive", json("{'TableName':'events','TimeToLiveSpecification':{'AttributeName':'expiresAt',"
        + "'Enabled':true}}"));
    db.call("CreateTable", json("{'TableName':'gone','BillingMode':'PAY_PER_REQUEST',"
        + "'AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'}],"
        + "'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'}]}"));
  }

  private static void write(DynamoDbService db) {
    for (int i = 0; i < 5; i++) {
      db.call("PutItem", json("{'TableName':'events','Item':{'pk':{'S':'p'},'sk':{'S':'" + i + "'},'g':{'S':'x'},"
          + "'n':{'N':'" + i + "'}}}"));
    }
    db.call("UpdateItem", json("{'TableName':'events','Key':{'pk':{'S':'p'},'sk':{'S':'1'}},"
        + "'UpdateExpression':'SET n = n + :d REMOVE g','ExpressionAttributeValues':{':d':{'N':'10'}}}"));
    db.call("DeleteItem", json("{'TableName':'events','Key':{'pk':{'S':'p'},'sk':{'S':'2'}}}"));
    db.call("TransactWriteItems", json("{'TransactItems':["
        + "{'Put':{'TableName':'events','Item':{'pk':{'S':'t'},'sk':{'S':'a'}}}},"
        + "{'Delete':{'TableName':'events','Key':{'pk':{'S':'p'},'sk':{'S':'3'}}}}]}"));
    db.call("PutItem", json("{'TableName':'gone','Item':{'pk':{'S':'x'}}}"));
    db.call("DeleteTable", json("{'TableName':'gone'}"));
  }

  private static void assertWritten(DynamoDbService db) {
    JsonNode query = db.call("Query", json("{'TableName':'events','KeyConditionExpression':'pk = :p',"
        + "'ExpressionAttributeValues':{':p':{'S':'p'}}}"));
    assertEquals("[\"0\", \"1\", \"4\"]", query.get("Items").findValues("sk").stream().map(v -> v.get("S"))
        .toList().toString());
    assertEquals("11", db.call("GetItem", json("{'TableName':'events','Key':{'pk':{'S':'p'},'sk':{'S':'1'}}}"))
        .at("/Item/n/N").asText());
    assertEquals(2, db.call("Query", json("{'TableName':'events','IndexName':'byG','KeyConditionExpression':'g = :g',"
        + "'ExpressionAttributeValues':{':g':{'S':'x'}}}")).get("Count").asInt(), "the index is rebuilt");
    assertTrue(db.call("GetItem", json("{'TableName':'events','Key':{'pk':{'S':'t'},'sk':{'S':'a'}}}")).has("Item"));
    assertEquals(4, db.call("DescribeTable", json("{'TableName':'events'}")).at("/Table/ItemCount").asInt());
    assertEquals("expiresAt", db.call("DescribeTimeToLive", json("{'TableName':'events'}"))
        .at("/TimeToLiveDescription/AttributeName").asText());
    assertEquals("[\"events\"]", db.call("ListTables", json("{}")).get("TableNames").toString());
  }

  @Test
  void reopen_whenClosedCleanly_shouldHaveEveryWrite() throws Exception {
    try (Database db = Database.open(dir, CLOCK, false)) {
      DynamoDbService service = new DynamoDbService(db);
      createTables(service);
      write(service);
    }
    assertFalse(Files.exists(dir.resolve(Journal.JOURNAL)) && Files.size(dir.resolve(Journal.JOURNAL)) > 0,
        "close compacts the journal into the snapshot");

    try (Database db = Database.open(dir, CLOCK, false)) {
      assertWritten(new DynamoDbService(db));
    }
    try (Database db = Database.open(dir, CLOCK, false)) { // and again: the compacted snapshot alone
      assertWritten(new DynamoDbService(db));
    }
  }

  @Test
  void reopen_whenNeverClosedButFlushed_shouldReplayTheJournal() throws Exception {
    Database crashed = Database.open(dir, CLOCK, false);
    DynamoDbService service = new DynamoDbService(crashed);
    createTables(service);
    write(service);
    crashed.flush(); // what the background flush does every 100 ms; then the process dies

    try (Database db = Database.open(dir, CLOCK, false)) {
      assertWritten(new DynamoDbService(db));
    }
  }

  @Test
  void reopen_whenLastJournalLineTorn_shouldKeepEverythingBeforeIt() throws Exception {
    Database crashed = Database.open(dir, CLOCK, false);
    DynamoDbService service = new DynamoDbService(crashed);
    createTables(service);
    write(service);
    crashed.flush();
    Files.writeString(dir.resolve(Journal.JOURNAL), "{\"c\":\"put\",\"t\":\"events\",\"i\":{\"pk\":{\"S\"",
        StandardCharsets.UTF_8, StandardOpenOption.APPEND);

    try (Database db = Database.open(dir, CLOCK, false)) {
      assertWritten(new DynamoDbService(db));
    }
  }

  @Test
  void open_whenJournalCorruptMidway_shouldRefuseRatherThanLoseData() throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(Journal.JOURNAL), "{oops\n{\"c\":\"drop\",\"t\":\"x\"}\n");

    assertThrows(java.io.IOException.class, () -> Database.open(dir, CLOCK, false));
  }

  @Test
  void sweepExpired_whenTtlPassed_shouldDeleteOnlyExpiredItemsDurably() throws Exception {
    try (Database db = Database.open(dir, CLOCK, false)) {
      DynamoDbService service = new DynamoDbService(db);
      createTables(service);
      String[] ttl = {"{'N':'" + (NOW - 1) + "'}", "{'N':'" + (NOW + 3600) + "'}", "{'S':'" + (NOW - 1) + "'}",
          "{'N':'" + (NOW - 6L * 365 * 24 * 3600) + "'}", null};
      for (int i = 0; i < ttl.length; i++) {
        service.call("PutItem", json("{'TableName':'events','Item':{'pk':{'S':'ttl'},'sk':{'S':'" + i + "'}"
            + (ttl[i] == null ? "" : ",'expiresAt':" + ttl[i]) + "}}"));
      }

      assertEquals(1, db.sweepExpired(NOW));
      assertEquals(0, db.sweepExpired(NOW));
    }
    try (Database db = Database.open(dir, CLOCK, false)) {
      JsonNode left = new DynamoDbService(db).call("Query", json("{'TableName':'events',"
          + "'KeyConditionExpression':'pk = :p','ExpressionAttributeValues':{':p':{'S':'ttl'}}}"));
      assertEquals("[\"1\", \"2\", \"3\", \"4\"]", left.get("Items").findValues("sk").stream().map(v -> v.get("S"))
          .toList().toString(), "only the item whose TTL passed (a number, under five years old) is gone");
    }
  }

  @Test
  void sweepExpired_whenTtlDisabled_shouldDeleteNothing() throws Exception {
    try (Database db = Database.open(null, CLOCK, false)) {
      DynamoDbService service = new DynamoDbService(db);
      createTables(service);
      service.call("UpdateTimeToLive", json("{'TableName':'events','TimeToLiveSpecification':"
          + "{'AttributeName':'expiresAt','Enabled':false}}"));
      service.call("PutItem", json("{'TableName':'events','Item':{'pk':{'S':'a'},'sk':{'S':'b'},"
          + "'expiresAt':{'N':'1'}}}"));

      assertEquals(0, db.sweepExpired(NOW));
    }
  }
}
