package dev.agentflow.nodes.transform;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.nodes.TransformNodeHandler;
import dev.agentflow.nodes.testing.Tasks;
import dev.agentflow.nodes.testing.TestRuntime;

/** Runs a transform node through the runner with in-memory fakes. */
final class TransformTestSupport {

    static final String WEATHER_STATE = """
            {"inputs": {"city": "Beijing", "threshold": 30, "tags": ["hot", "dry"], "empty": "", "nothing": null},
             "nodes": {
               "node_1": {"status": "completed", "output": {"city": "Beijing"}},
               "node_2": {"status": "completed",
                          "output": {"statusCode": 200, "headers": {"content-type": "application/json"},
                                     "body": {"city": "Beijing", "temperature": 15, "weather": "sunny",
                                              "forecast": [{"day": "Mon", "high": 18}, {"day": "Tue", "high": 21}]},
                                     "durationMs": 180}},
               "node_3": {"status": "completed", "output": {"text": "北京今天晴。"}},
               "node_8": {"status": "failed", "error": {"Error": "dev.agentflow.core.error.HttpRequestFailed", "Cause": "down"}},
               "node_9": {"status": "skipped"}
             }}""";

    private TransformTestSupport() {
    }

    static JsonNode run(TestRuntime runtime, String type, String config) {
        return run(runtime, type, config, WEATHER_STATE);
    }

    static JsonNode run(TestRuntime runtime, String type, String config, String state) {
        return Tasks.json(runtime.runner().run(Tasks.task("exec_t", null,
                "{\"id\":\"node_5\",\"type\":\"" + type + "\",\"label\":\"T\",\"config\":" + config + "}", state),
                TransformNodeHandler.executors(), null)).path("output");
    }
}
