package dev.agentflow.shared.testing;

import dev.agentflow.shared.output.LargeOutputStore;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** {@link LargeOutputStore} in a map, for tests without DynamoDB. */
public final class InMemoryLargeOutputStore implements LargeOutputStore {

    private final Map<String, byte[]> outputs = new ConcurrentHashMap<>();

    @Override
    public void put(String executionId, String nodeId, byte[] json) {
        outputs.put(executionId + "/" + nodeId, json.clone());
    }

    @Override
    public Optional<byte[]> get(String executionId, String nodeId) {
        return Optional.ofNullable(outputs.get(executionId + "/" + nodeId)).map(byte[]::clone);
    }

    /** How many outputs are stored. */
    public int size() {
        return outputs.size();
    }
}
