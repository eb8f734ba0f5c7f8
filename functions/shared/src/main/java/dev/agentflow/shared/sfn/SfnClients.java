package dev.agentflow.shared.sfn;

import dev.agentflow.shared.config.AppConfig;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sfn.SfnClientBuilder;

/**
 * Builds the Step Functions client the way {@link dev.agentflow.shared.aws.AwsClients} builds the others
 * (UrlConnectionHttpClient, region from config, {@code AWS_ENDPOINT_URL} override). Call once per container.
 */
public final class SfnClients {

    private SfnClients() {
    }

    /** A Step Functions client for this configuration. */
    public static SfnClient create(AppConfig config) {
        SfnClientBuilder builder = SfnClient.builder()
                .region(Region.of(config.region()))
                .credentialsProvider(DefaultCredentialsProvider.builder().build())
                .httpClient(UrlConnectionHttpClient.builder().build());
        config.endpoint().ifPresent(builder::endpointOverride);
        return builder.build();
    }
}
