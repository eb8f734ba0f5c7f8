package dev.agentflow.local;

import java.net.URI;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.scheduler.SchedulerClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sfn.SfnClient;

/** AWS SDK v2 clients pointed at a local cloud: endpoint override, static "test" credentials, us-east-1. */
public final class AwsClients {

  private static final StaticCredentialsProvider TEST_CREDENTIALS =
      StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test"));

  private AwsClients() {}

  /** @return a Step Functions client on the edge */
  public static SfnClient sfn(URI endpoint) {
    return local(SfnClient.builder(), endpoint);
  }

  /** @return a DynamoDB client on the edge */
  public static DynamoDbClient dynamoDb(URI endpoint) {
    return local(DynamoDbClient.builder(), endpoint);
  }

  /**
   * A DynamoDB client on the same transport as the cloud's functions: in-process ({@link LocalCloud#inProcessAws()})
   * unless that is switched off, then over the edge's socket.
   */
  public static DynamoDbClient dynamoDbLikeFunctions(LocalCloud cloud) {
    if (cloud.inProcessAws() == null) {
      return dynamoDb(cloud.edgeEndpoint());
    }
    // unsigned, exactly as AwsHttp configures the functions' in-process clients
    return new dev.agentflow.shared.aws.AwsHttp.Transport(cloud.inProcessAws(), AnonymousCredentialsProvider.create(), true)
        .configure(DynamoDbClient.builder(), Region.US_EAST_1.id(), cloud.edgeEndpoint()).build();
  }

  /** @return a KMS client on the edge */
  public static KmsClient kms(URI endpoint) {
    return local(KmsClient.builder(), endpoint);
  }

  /** @return a Secrets Manager client on the edge */
  public static SecretsManagerClient secretsManager(URI endpoint) {
    return local(SecretsManagerClient.builder(), endpoint);
  }

  /** @return an EventBridge Scheduler client on the edge (issue 8) */
  public static SchedulerClient scheduler(URI endpoint) {
    return local(SchedulerClient.builder(), endpoint);
  }

  private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C local(B builder, URI endpoint) {
    return builder.endpointOverride(endpoint).credentialsProvider(TEST_CREDENTIALS).region(Region.US_EAST_1)
        .httpClient(UrlConnectionHttpClient.create()).build();
  }
}
