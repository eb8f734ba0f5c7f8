package dev.agentflow.local;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/** AWS SDK v2 clients pointed at a local cloud: endpoint override, static "test" credentials, us-east-1. */
final class AwsClients {

  private static final StaticCredentialsProvider TEST_CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

  private AwsClients() {}

  static SfnClient sfn(URI endpoint) {
    return SfnClient.builder().endpointOverride(endpoint).credentialsProvider(TEST_CREDENTIALS)
        .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create()).build();
  }

  static DynamoDbClient dynamoDb(URI endpoint) {
    return DynamoDbClient.builder().endpointOverride(endpoint).credentialsProvider(TEST_CREDENTIALS)
        .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create()).build();
  }
}
