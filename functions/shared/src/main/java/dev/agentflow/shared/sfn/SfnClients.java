package dev.agentflow.shared.sfn;

import dev.agentflow.shared.aws.AwsHttp;
import dev.agentflow.shared.config.AppConfig;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Builds the Step Functions client the way {@link dev.agentflow.shared.aws.AwsClients} builds the others
 * (transport from {@link AwsHttp}: UrlConnectionHttpClient unless served in-process; region from config;
 * {@code AWS_ENDPOINT_URL} override). Call once per container.
 */
public final class SfnClients {

    private SfnClients() {
    }

    /** A Step Functions client for this configuration. */
    public static SfnClient create(AppConfig config) {
        return AwsHttp.transport(config.endpointOverride())
                .configure(SfnClient.builder(), config.region(), config.endpointOverride())
                .build();
    }
}
