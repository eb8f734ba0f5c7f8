package dev.agentflow.local.testhandlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Test function written like production code: builds its DynamoDB client once from the environment alone
 * (region, credentials and endpoint are whatever the environment says) and writes {@code {"pk","sk"}} to
 * {@code ITEMS_TABLE}.
 */
public class ItemWriterHandler implements RequestHandler<Map<String, String>, String> {

  private final DynamoDbClient dynamoDb = DynamoDbClient.builder()
      .httpClient(UrlConnectionHttpClient.create())
      .build();
  private final String table = System.getenv("ITEMS_TABLE");

  @Override
  public String handleRequest(Map<String, String> input, Context context) {
    dynamoDb.putItem(b -> b.tableName(table).item(Map.of(
        "pk", AttributeValue.fromS(input.get("pk")),
        "sk", AttributeValue.fromS(input.get("sk")),
        "writtenBy", AttributeValue.fromS(context.getFunctionName()))));
    return "written to " + table;
  }
}
