package dev.agentflow.shared.aws;

import dev.agentflow.shared.config.AppConfig;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.kms.KmsClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/**
 * Builds AWS SDK v2 clients the way every function wants them: the lightweight
 * {@link UrlConnectionHttpClient} (fast cold start), the region from {@link AppConfig#region()}, and the
 * endpoint override when {@code AWS_ENDPOINT_URL} is set (the local cloud; production never asks "am I
 * local?", it just gets another URL). The transport comes from {@link AwsHttp} (an embedding local cloud may
 * serve the endpoint in-process; otherwise UrlConnectionHttpClient and the default credentials chain). Call once
 * per container, in a handler's no-argument constructor,
 * and keep the clients for the container's life (AWS Lambda developer guide, "Best practices": initialize
 * SDK clients outside the handler).
 */
public final class AwsClients {

    private final AppConfig config;
    private final AwsHttp.Transport transport;

    /** @param config the function's configuration */
    public AwsClients(AppConfig config) {
        this.config = config;
        this.transport = AwsHttp.transport(config.endpointOverride());
    }

    /** @return the transport the clients share (HTTP client and credentials) */
    public AwsHttp.Transport transport() {
        return transport;
    }

    /** A DynamoDB client. */
    public DynamoDbClient dynamoDb() {
        return configure(DynamoDbClient.builder()).build();
    }

    /** A KMS client. */
    public KmsClient kms() {
        return configure(KmsClient.builder()).build();
    }

    /** A Secrets Manager client. */
    public SecretsManagerClient secretsManager() {
        return configure(SecretsManagerClient.builder()).build();
    }

    private <B extends AwsClientBuilder<B, ?> & AwsSyncClientBuilder<B, ?>> B configure(B builder) {
        return transport.configure(builder, config.region(), config.endpointOverride());
    }
}
