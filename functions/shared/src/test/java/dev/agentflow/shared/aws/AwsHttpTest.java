package dev.agentflow.shared.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.agentflow.shared.config.AppConfig;
import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;

/**
 * {@link AwsHttp}: production (no {@value AwsHttp#TRANSPORT_PROPERTY}) gets UrlConnectionHttpClient and the default
 * credentials chain, as before; a registered in-process transport is used for its endpoint only.
 */
class AwsHttpTest {

    /** The registry a host would name in the property (public, no-argument constructor). */
    public static final class TestRegistry implements Function<URI, SdkHttpClient> {

        static final Map<URI, SdkHttpClient> CLIENTS = new ConcurrentHashMap<>();

        @Override
        public SdkHttpClient apply(URI endpoint) {
            return CLIENTS.get(endpoint);
        }
    }

    private static final SdkHttpClient FAKE = new SdkHttpClient() {
        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {
        }
    };

    @AfterEach
    void clear() {
        System.clearProperty(AwsHttp.TRANSPORT_PROPERTY);
        TestRegistry.CLIENTS.clear();
    }

    @Test
    void transport_whenNoRegistry_shouldBeUrlConnectionWithTheDefaultCredentialsChain() {
        AwsHttp.Transport transport = AwsHttp.transport(URI.create("http://localhost:4566"));

        assertInstanceOf(UrlConnectionHttpClient.class, transport.httpClient());
        assertInstanceOf(DefaultCredentialsProvider.class, transport.credentials());
        assertFalse(transport.inProcess());
        assertInstanceOf(UrlConnectionHttpClient.class, AwsHttp.transport(null).httpClient());
    }

    @Test
    void awsClients_whenNoRegistry_shouldShareOneUrlConnectionClientAndBuildEveryClient() {
        AppConfig config = AppConfig.fromEnvironment(Map.of("AWS_REGION", "eu-west-1"));
        AwsClients clients = new AwsClients(config);

        assertInstanceOf(UrlConnectionHttpClient.class, clients.transport().httpClient());
        try (var dynamo = clients.dynamoDb(); var kms = clients.kms(); var secrets = clients.secretsManager()) {
            assertEquals("eu-west-1", dynamo.serviceClientConfiguration().region().id());
            assertTrue(dynamo.serviceClientConfiguration().endpointOverride().isEmpty());
        }
    }

    @Test
    void transport_whenRegisteredForTheEndpoint_shouldBeTheInProcessClientUnsigned() {
        System.setProperty(AwsHttp.TRANSPORT_PROPERTY, TestRegistry.class.getName());
        TestRegistry.CLIENTS.put(URI.create("http://localhost:4566"), FAKE);

        AwsHttp.Transport transport = AwsHttp.transport(URI.create("HTTP://LocalHost:4566/some/path?x=1"));

        assertSame(FAKE, transport.httpClient());
        assertTrue(transport.inProcess());
        assertInstanceOf(AnonymousCredentialsProvider.class, transport.credentials()); // the SDK skips SigV4
    }

    @Test
    void configure_whenInProcess_shouldSendRequestsWithoutSignatureOrPayloadHash() throws Exception {
        Map<String, java.util.List<String>> inProcess = headersOfOneGetItem(
                new AwsHttp.Transport(null, AnonymousCredentialsProvider.create(), true));
        Map<String, java.util.List<String>> signed = headersOfOneGetItem(new AwsHttp.Transport(null,
                software.amazon.awssdk.auth.credentials.StaticCredentialsProvider.create(
                        software.amazon.awssdk.auth.credentials.AwsBasicCredentials.create("AKIDEXAMPLE", "secret")),
                false));

        assertFalse(inProcess.containsKey("Authorization"), inProcess.toString());
        assertFalse(inProcess.containsKey("x-amz-content-sha256"), inProcess.toString());
        assertEquals(java.util.List.of("DynamoDB_20120810.GetItem"), inProcess.get("X-Amz-Target"));
        assertTrue(signed.get("Authorization").get(0).startsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/"));
    }

    @Test
    void unsignedSigV4_shouldTakeSigV4sPlaceAndLeaveTheRequestAndItsPayloadUnread() {
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        software.amazon.awssdk.http.ContentStreamProvider payload = () -> {
            reads.incrementAndGet();
            return new java.io.ByteArrayInputStream(new byte[] {'{', '}'});
        };
        software.amazon.awssdk.http.SdkHttpRequest request = software.amazon.awssdk.http.SdkHttpRequest.builder()
                .uri(URI.create("http://localhost:4566/")).method(software.amazon.awssdk.http.SdkHttpMethod.POST).build();

        var signed = AwsHttp.UNSIGNED_SIGV4.signer().sign(r -> r.request(request).payload(payload)
                .identity(software.amazon.awssdk.identity.spi.AwsCredentialsIdentity.create("a", "b")));

        assertEquals(software.amazon.awssdk.http.auth.aws.scheme.AwsV4AuthScheme.SCHEME_ID,
                AwsHttp.UNSIGNED_SIGV4.schemeId());
        assertSame(request, signed.request());
        assertSame(payload, signed.payload().orElseThrow());
        assertEquals(0, reads.get()); // the SDK's SigV4 signer reads and hashes it, even for anonymous credentials
    }

    /** Headers of the one request a DynamoDB client configured by {@code transport} sends for a GetItem. */
    private static Map<String, java.util.List<String>> headersOfOneGetItem(AwsHttp.Transport transport) {
        Map<String, java.util.List<String>> seen = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        SdkHttpClient capture = new SdkHttpClient() {
            @Override
            public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
                seen.putAll(request.httpRequest().headers());
                return new ExecutableHttpRequest() {
                    @Override
                    public software.amazon.awssdk.http.HttpExecuteResponse call() {
                        byte[] body = "{}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                        return software.amazon.awssdk.http.HttpExecuteResponse.builder()
                                .response(software.amazon.awssdk.http.SdkHttpResponse.builder().statusCode(200).build())
                                .responseBody(software.amazon.awssdk.http.AbortableInputStream.create(
                                        new java.io.ByteArrayInputStream(body)))
                                .build();
                    }

                    @Override
                    public void abort() {
                    }
                };
            }

            @Override
            public void close() {
            }
        };
        AwsHttp.Transport withCapture = new AwsHttp.Transport(capture, transport.credentials(), transport.inProcess());
        try (var dynamo = withCapture.configure(software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder(),
                "us-east-1", URI.create("http://localhost:4566")).build()) {
            dynamo.getItem(b -> b.tableName("t").key(Map.of("pk",
                    software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS("a"))));
        }
        return seen;
    }

    @Test
    void transport_whenRegistryServesAnotherEndpoint_shouldFallBackToHttp() {
        System.setProperty(AwsHttp.TRANSPORT_PROPERTY, TestRegistry.class.getName());
        TestRegistry.CLIENTS.put(URI.create("http://localhost:4566"), FAKE);

        assertNotSame(FAKE, AwsHttp.transport(URI.create("http://localhost:4567")).httpClient());
        assertNotSame(FAKE, AwsHttp.transport(URI.create("https://localhost:4566")).httpClient());
        assertFalse(AwsHttp.transport(null).inProcess());
    }

    @Test
    void transport_whenPropertyNamesNoUsableClass_shouldFallBackToHttp() {
        System.setProperty(AwsHttp.TRANSPORT_PROPERTY, "dev.agentflow.nowhere.NoSuchRegistry");
        assertNull(AwsHttp.inProcessClient(URI.create("http://localhost:4566")));

        System.setProperty(AwsHttp.TRANSPORT_PROPERTY, String.class.getName()); // not a Function
        assertInstanceOf(UrlConnectionHttpClient.class, AwsHttp.transport(URI.create("http://localhost:4566")).httpClient());
    }

    @Test
    void normalized_shouldKeepSchemeHostAndPortWithDefaultPorts() {
        assertEquals(URI.create("https://dynamodb.eu-west-1.amazonaws.com:443"),
                AwsHttp.normalized(URI.create("https://DynamoDB.eu-west-1.amazonaws.com")));
        assertEquals(URI.create("http://127.0.0.1:80"), AwsHttp.normalized(URI.create("http://127.0.0.1/stage")));
    }
}
