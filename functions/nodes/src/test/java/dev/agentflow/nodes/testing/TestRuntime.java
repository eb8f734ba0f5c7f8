package dev.agentflow.nodes.testing;

import dev.agentflow.core.template.TemplateRenderer;
import dev.agentflow.nodes.runtime.NodeRunner;
import dev.agentflow.shared.log.JsonLog;
import dev.agentflow.shared.output.OutputOffloader;
import dev.agentflow.shared.output.OutputResolver;
import dev.agentflow.shared.testing.InMemoryExecutionStore;
import dev.agentflow.shared.testing.InMemoryLargeOutputStore;
import dev.agentflow.shared.testing.RecordingEventPublisher;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;

/**
 * A {@link NodeRunner} over in-memory fakes, for executor tests without AWS, with the fakes exposed.
 *
 * @param runner  the runner
 * @param store   node records
 * @param events  published events
 * @param outputs stored-aside outputs
 * @param logBuffer what the runner logged
 */
public record TestRuntime(NodeRunner runner, InMemoryExecutionStore store, RecordingEventPublisher events,
                          InMemoryLargeOutputStore outputs, ByteArrayOutputStream logBuffer) {

    /** Inline limits as in production (200 KB). */
    public static TestRuntime create() {
        return create(200_000);
    }

    /** With a given inline limit for outputs and state. */
    public static TestRuntime create(int inlineBytes) {
        InMemoryExecutionStore store = new InMemoryExecutionStore();
        RecordingEventPublisher events = new RecordingEventPublisher();
        InMemoryLargeOutputStore outputs = new InMemoryLargeOutputStore();
        ByteArrayOutputStream logBuffer = new ByteArrayOutputStream();
        NodeRunner runner = new NodeRunner(store, events, new OutputOffloader(outputs, inlineBytes, inlineBytes),
                new OutputResolver(outputs), new TemplateRenderer(),
                new JsonLog(new PrintStream(logBuffer, true, StandardCharsets.UTF_8), Clock.systemUTC()),
                Clock.systemUTC(), new NodeRunner.StreamSettings(Duration.ofMillis(50), 200));
        return new TestRuntime(runner, store, events, outputs, logBuffer);
    }

    /** The log lines written so far. */
    public String log() {
        return logBuffer.toString(StandardCharsets.UTF_8);
    }
}
