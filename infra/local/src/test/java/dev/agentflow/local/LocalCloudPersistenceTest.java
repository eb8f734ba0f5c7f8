package dev.agentflow.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.sfn.SfnClient;

/** File mode: what the local cloud stores survives a restart on the same data directory. */
class LocalCloudPersistenceTest {

  @TempDir
  Path data;

  private LocalCloudOptions options() throws Exception {
    Path template = Path.of(getClass().getResource("/local-cloud/template.yaml").toURI());
    return LocalCloudOptions.defaults().withEdgePort(0).withDataDirectory(data).withTemplate(template)
        .withLog(new PrintStream(OutputStream.nullOutputStream()));
  }

  @Test
  void restart_whenFileBacked_shouldKeepTablesItemsAndStateMachines() throws Exception {
    String stateMachineArn;
    try (LocalCloud first = LocalCloud.start(options());
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(first.edgeEndpoint());
        SfnClient sfn = AwsClients.sfn(first.edgeEndpoint())) {
      assertEquals(List.of("agentflow-test-items", "KeysTable"), first.createdTables());
      dynamoDb.putItem(b -> b.tableName("KeysTable").item(Map.of("keyId", AttributeValue.fromS("k-1"),
          "secret", AttributeValue.fromS("kept"))));
      stateMachineArn = sfn.createStateMachine(b -> b.name("kept").roleArn("arn:aws:iam::000000000000:role/r")
          .definition("{\"StartAt\": \"P\", \"States\": {\"P\": {\"Type\": \"Pass\", \"End\": true}}}"))
          .stateMachineArn();
    }

    try (LocalCloud second = LocalCloud.start(options());
        DynamoDbClient dynamoDb = AwsClients.dynamoDb(second.edgeEndpoint());
        SfnClient sfn = AwsClients.sfn(second.edgeEndpoint())) {
      assertEquals(List.of(), second.createdTables(), "existing tables are not recreated");
      Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName("KeysTable")
          .key(Map.of("keyId", AttributeValue.fromS("k-1")))).item();
      assertEquals("kept", item.get("secret").s());
      assertEquals("kept", sfn.describeStateMachine(b -> b.stateMachineArn(stateMachineArn)).name());
    }
    assertTrue(Files.isDirectory(data.resolve("dynamodb")));
  }

  @Test
  void start_whenDataDirectoryInUse_shouldFailFast() throws Exception {
    try (LocalCloud running = LocalCloud.start(options())) {
      IllegalStateException error = assertThrows(IllegalStateException.class, () -> LocalCloud.start(options()));

      assertTrue(error.getMessage().contains("in use"), error.getMessage());
    }
  }
}
