package dev.agentflow.local.dynamodb.engine;

import static dev.agentflow.local.dynamodb.engine.DatabasePersistenceTest.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The engine under parallel writers: optimistic (read, conditional update, retry) counters lose no update; a
 * transaction's writes are seen all or none by concurrent transactional reads; indexes stay in step with the table.
 */
class DynamoDbConcurrencyTest {

  private static final int THREADS = 8;
  private Database db;
  private DynamoDbService service;
  private ExecutorService pool;

  @BeforeEach
  void start() throws Exception {
    db = Database.open(null);
    service = new DynamoDbService(db);
    service.call("CreateTable", json("{'TableName':'tbl','BillingMode':'PAY_PER_REQUEST',"
        + "'AttributeDefinitions':[{'AttributeName':'pk','AttributeType':'S'},{'AttributeName':'g','AttributeType':'S'}],"
        + "'KeySchema':[{'AttributeName':'pk','KeyType':'HASH'}],"
        + "'GlobalSecondaryIndexes':[{'IndexName':'byG','KeySchema':[{'AttributeName':'g','KeyType':'HASH'}],"
        + "'Projection':{'ProjectionType':'ALL'}}]}"));
    pool = Executors.newFixedThreadPool(THREADS + 1);
  }

  @AfterEach
  void stop() throws Exception {
    pool.shutdownNow();
    pool.awaitTermination(10, TimeUnit.SECONDS);
    db.close();
  }

  @Test
  void conditionalUpdates_whenParallel_shouldLoseNoUpdate() throws Exception {
    service.call("PutItem", json("{'TableName':'tbl','Item':{'pk':{'S':'counter'},'n':{'N':'0'}}}"));
    int perThread = 300;
    AtomicInteger conflicts = new AtomicInteger();
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      done.add(pool.submit(() -> {
        for (int i = 0; i < perThread; i++) {
          while (true) {
            long n = service.call("GetItem", json("{'TableName':'tbl','Key':{'pk':{'S':'counter'}}}"))
                .at("/Item/n/N").asLong();
            try {
              service.call("UpdateItem", json("{'TableName':'tbl','Key':{'pk':{'S':'counter'}},"
                  + "'UpdateExpression':'SET n = :next','ConditionExpression':'n = :seen',"
                  + "'ExpressionAttributeValues':{':next':{'N':'" + (n + 1) + "'},':seen':{'N':'" + n + "'}}}"));
              break;
            } catch (DynamoDbFailure e) {
              assertEquals("ConditionalCheckFailedException", e.type());
              conflicts.incrementAndGet();
            }
          }
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }

    assertEquals(THREADS * perThread, service.call("GetItem", json("{'TableName':'tbl','Key':{'pk':{'S':'counter'}}}"))
        .at("/Item/n/N").asLong(), "every successful conditional update counted once (" + conflicts + " conflicts)");
  }

  @Test
  void transactions_whenParallelWithTransactionalReads_shouldBeAllOrNothing() throws Exception {
    service.call("PutItem", json("{'TableName':'tbl','Item':{'pk':{'S':'a'},'n':{'N':'1000'},'g':{'S':'acct'}}}"));
    service.call("PutItem", json("{'TableName':'tbl','Item':{'pk':{'S':'b'},'n':{'N':'1000'},'g':{'S':'acct'}}}"));
    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger torn = new AtomicInteger();
    AtomicInteger reads = new AtomicInteger();
    Future<?> reader = pool.submit(() -> {
      while (!stop.get()) {
        JsonNode r = service.call("TransactGetItems", json("{'TransactItems':["
            + "{'Get':{'TableName':'tbl','Key':{'pk':{'S':'a'}}}},{'Get':{'TableName':'tbl','Key':{'pk':{'S':'b'}}}}]}"));
        long sum = r.at("/Responses/0/Item/n/N").asLong() + r.at("/Responses/1/Item/n/N").asLong();
        if (sum != 2000) {
          torn.incrementAndGet();
        }
        reads.incrementAndGet();
      }
      return null;
    });
    List<Future<?>> writers = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      String from = t % 2 == 0 ? "a" : "b";
      String to = t % 2 == 0 ? "b" : "a";
      writers.add(pool.submit(() -> {
        for (int i = 0; i < 200; i++) {
          service.call("TransactWriteItems", json("{'TransactItems':["
              + "{'Update':{'TableName':'tbl','Key':{'pk':{'S':'" + from + "'}},'UpdateExpression':'ADD n :m',"
              + "'ExpressionAttributeValues':{':m':{'N':'-1'}}}},"
              + "{'Update':{'TableName':'tbl','Key':{'pk':{'S':'" + to + "'}},'UpdateExpression':'ADD n :p',"
              + "'ExpressionAttributeValues':{':p':{'N':'1'}}}}]}"));
        }
        return null;
      }));
    }
    for (Future<?> f : writers) {
      f.get(60, TimeUnit.SECONDS);
    }
    stop.set(true);
    reader.get(10, TimeUnit.SECONDS);

    assertEquals(0, torn.get(), "no read saw half a transfer (" + reads + " reads)");
    assertTrue(reads.get() > 0);
    JsonNode index = service.call("Query", json("{'TableName':'tbl','IndexName':'byG','KeyConditionExpression':'g = :g',"
        + "'ExpressionAttributeValues':{':g':{'S':'acct'}}}"));
    assertEquals(2000, index.get("Items").get(0).at("/n/N").asLong() + index.get("Items").get(1).at("/n/N").asLong(),
        "the index holds the latest items");
  }

  @Test
  void puts_whenParallelOnDistinctKeys_shouldAllBeStoredAndIndexed() throws Exception {
    List<Future<?>> done = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      done.add(pool.submit(() -> {
        for (int i = 0; i < 250; i++) {
          service.call("PutItem", json("{'TableName':'tbl','Item':{'pk':{'S':'" + thread + "-" + i + "'},"
              + "'g':{'S':'g" + (i % 5) + "'}}}"));
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get(60, TimeUnit.SECONDS);
    }

    assertEquals(THREADS * 250, service.call("Scan", json("{'TableName':'tbl','Select':'COUNT'}")).get("Count").asInt());
    int indexed = 0;
    for (int g = 0; g < 5; g++) {
      indexed += service.call("Query", json("{'TableName':'tbl','IndexName':'byG','KeyConditionExpression':'g = :g',"
          + "'Select':'COUNT','ExpressionAttributeValues':{':g':{'S':'g" + g + "'}}}")).get("Count").asInt();
    }
    assertEquals(THREADS * 250, indexed);
  }
}
