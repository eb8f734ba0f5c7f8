package dev.agentflow.shared.output;

import static dev.agentflow.shared.store.Attrs.b;
import static dev.agentflow.shared.store.Attrs.n;
import static dev.agentflow.shared.store.Attrs.s;

import dev.agentflow.shared.store.Attrs;
import dev.agentflow.shared.store.ExecutionKeys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;

/**
 * {@link LargeOutputStore} on the executions table (S3 is not available locally): the JSON is gzipped and
 * cut into binary chunks of {@value #CHUNK_BYTES} bytes ({@code sk = OUTPUT_CHUNK#<nodeId>#<n>}, under
 * DynamoDB's 400 KB item limit), then a manifest ({@code sk = OUTPUT#<nodeId>}: chunk count, sizes,
 * SHA-256) is written last, so a reader never sees a half-written output.
 */
public final class DynamoDbLargeOutputStore implements LargeOutputStore {

    /** Bytes of compressed JSON per chunk item. */
    public static final int CHUNK_BYTES = 350_000;

    private final DynamoDbClient dynamo;
    private final String table;
    private final Clock clock;
    private final Duration retention;

    /**
     * @param dynamo    client, built once per container
     * @param table     executions table name
     * @param clock     clock for the TTL
     * @param retention lifetime of stored outputs
     */
    public DynamoDbLargeOutputStore(DynamoDbClient dynamo, String table, Clock clock, Duration retention) {
        this.dynamo = dynamo;
        this.table = table;
        this.clock = clock;
        this.retention = retention;
    }

    @Override
    public void put(String executionId, String nodeId, byte[] json) {
        byte[] compressed = gzip(json);
        int chunks = Math.max(1, (compressed.length + CHUNK_BYTES - 1) / CHUNK_BYTES);
        long expiresAt = clock.instant().plus(retention).getEpochSecond();
        String pk = ExecutionKeys.executionPk(executionId);
        for (int i = 0; i < chunks; i++) {
            byte[] part = Arrays.copyOfRange(compressed, i * CHUNK_BYTES, Math.min(compressed.length, (i + 1) * CHUNK_BYTES));
            Map<String, AttributeValue> item = new HashMap<>();
            item.put(ExecutionKeys.PK, s(pk));
            item.put(ExecutionKeys.SK, s(ExecutionKeys.outputChunkSk(nodeId, i)));
            item.put(ExecutionKeys.ENTITY, s("output-chunk"));
            item.put("data", b(part));
            item.put(ExecutionKeys.EXPIRES_AT, n(expiresAt));
            dynamo.putItem(PutItemRequest.builder().tableName(table).item(item).build());
        }
        Map<String, AttributeValue> manifest = new HashMap<>();
        manifest.put(ExecutionKeys.PK, s(pk));
        manifest.put(ExecutionKeys.SK, s(ExecutionKeys.outputSk(nodeId)));
        manifest.put(ExecutionKeys.ENTITY, s("output"));
        manifest.put("executionId", s(executionId));
        manifest.put("nodeId", s(nodeId));
        manifest.put("chunks", n(chunks));
        manifest.put("sizeBytes", n(json.length));
        manifest.put("compressedBytes", n(compressed.length));
        manifest.put("sha256", s(sha256(json)));
        manifest.put("storedAt", s(clock.instant().toString()));
        manifest.put(ExecutionKeys.EXPIRES_AT, n(expiresAt));
        dynamo.putItem(PutItemRequest.builder().tableName(table).item(manifest).build());
    }

    @Override
    public Optional<byte[]> get(String executionId, String nodeId) {
        String pk = ExecutionKeys.executionPk(executionId);
        Map<String, AttributeValue> manifest = getItem(pk, ExecutionKeys.outputSk(nodeId));
        if (manifest == null) {
            return Optional.empty();
        }
        int chunks = Attrs.num(manifest, "chunks").intValue();
        ByteArrayOutputStream compressed = new ByteArrayOutputStream();
        for (int i = 0; i < chunks; i++) {
            Map<String, AttributeValue> chunk = getItem(pk, ExecutionKeys.outputChunkSk(nodeId, i));
            if (chunk == null) {
                throw new IllegalStateException("Stored output of node " + nodeId + " is missing chunk " + i);
            }
            compressed.writeBytes(Attrs.bin(chunk, "data"));
        }
        byte[] json = gunzip(compressed.toByteArray());
        if (!sha256(json).equals(Attrs.str(manifest, "sha256"))) {
            throw new IllegalStateException("Stored output of node " + nodeId + " is corrupt (checksum mismatch)");
        }
        return Optional.of(json);
    }

    private Map<String, AttributeValue> getItem(String pk, String sk) {
        Map<String, AttributeValue> item = dynamo.getItem(GetItemRequest.builder()
                .tableName(table)
                .key(Map.of(ExecutionKeys.PK, s(pk), ExecutionKeys.SK, s(sk)))
                .consistentRead(true)
                .build()).item();
        return item == null || item.isEmpty() ? null : item;
    }

    private static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, data.length / 4));
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] gunzip(byte[] data) {
        try (GZIPInputStream gz = new GZIPInputStream(new ByteArrayInputStream(data))) {
            return gz.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
