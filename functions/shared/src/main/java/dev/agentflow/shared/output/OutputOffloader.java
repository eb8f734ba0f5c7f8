package dev.agentflow.shared.output;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.shared.store.JsonCaps;
import java.nio.charset.StandardCharsets;

/**
 * Decides whether a node output travels in the Step Functions state or is stored aside: aside when its
 * JSON exceeds {@code maxInlineBytes}, or when the state the node received plus the output would exceed
 * {@code stateBudgetBytes} (the state carries every output so far, and Step Functions refuses more than
 * 256 KiB: ARCHITECTURE.md). An output stored aside is replaced by an {@link OutputReference} with a preview.
 */
public final class OutputOffloader {

    private final LargeOutputStore store;
    private final int maxInlineBytes;
    private final int stateBudgetBytes;

    /**
     * @param store            where large outputs go
     * @param maxInlineBytes   largest output carried inline, bytes of JSON
     * @param stateBudgetBytes largest state (received state plus this output) carried inline
     */
    public OutputOffloader(LargeOutputStore store, int maxInlineBytes, int stateBudgetBytes) {
        this.store = store;
        this.maxInlineBytes = maxInlineBytes;
        this.stateBudgetBytes = stateBudgetBytes;
    }

    /**
     * The value to carry in the state for a node's output.
     *
     * @param stateBytes size of the state the node received, bytes of JSON
     * @return the output itself, or its reference JSON after storing it
     */
    public JsonNode apply(String executionId, String nodeId, JsonNode output, long stateBytes) {
        String text = Json.write(output);
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        if (bytes.length <= maxInlineBytes && stateBytes + bytes.length <= stateBudgetBytes) {
            return output;
        }
        store.put(executionId, nodeId, bytes);
        return new OutputReference(executionId, nodeId).toJson(JsonCaps.preview(text), bytes.length);
    }
}
