package dev.agentflow.shared.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * One JSON object per line on standard output, which Lambda sends to CloudWatch Logs (queryable with
 * Logs Insights). Callers pass identifiers, codes and durations; never configs, prompts or keys.
 */
public final class JsonLog {

    private final PrintStream out;
    private final Clock clock;

    /** @param out where lines go (System.out in Lambda) */
    public JsonLog(PrintStream out, Clock clock) {
        this.out = out;
        this.clock = clock;
    }

    /** A log on System.out. */
    public static JsonLog stdout() {
        return new JsonLog(System.out, Clock.systemUTC());
    }

    /** Writes an INFO line. */
    public void info(String message, Map<String, ?> fields) {
        write("INFO", message, fields);
    }

    /** Writes a WARN line. */
    public void warn(String message, Map<String, ?> fields) {
        write("WARN", message, fields);
    }

    /** Writes an ERROR line. */
    public void error(String message, Map<String, ?> fields) {
        write("ERROR", message, fields);
    }

    private void write(String level, String message, Map<String, ?> fields) {
        ObjectNode line = Json.object();
        line.put("timestamp", clock.instant().toString());
        line.put("level", level);
        line.put("message", message);
        fields.forEach((k, v) -> line.set(k, Json.MAPPER.valueToTree(v)));
        out.println(Json.write(line));
    }
}
