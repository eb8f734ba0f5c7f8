package dev.agentflow.shared.connections;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.core.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** {@link ConnectionPoster} that records frames per connection; connections in {@link #gone} answer 410. */
public final class RecordingPoster implements ConnectionPoster {

    final Map<String, List<String>> frames = new ConcurrentHashMap<>();
    final Set<String> gone = ConcurrentHashMap.newKeySet();

    @Override
    public boolean post(String connectionId, String message) {
        if (gone.contains(connectionId)) {
            return false;
        }
        List<String> list = frames.computeIfAbsent(connectionId, k -> new ArrayList<>());
        synchronized (list) {
            list.add(message);
        }
        return true;
    }

    /** The {@code payload.seq} of each frame sent to a connection, in order. */
    public List<Long> seqs(String connectionId) {
        List<String> list = frames.getOrDefault(connectionId, List.of());
        synchronized (list) {
            return list.stream().map(Json::parse).map(j -> j.path("payload").path("seq"))
                    .filter(JsonNode::isNumber).map(JsonNode::asLong).toList();
        }
    }
}
