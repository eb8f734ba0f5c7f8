package dev.agentflow.shared.connections;

/** Sends one message to a WebSocket connection (API Gateway @connections {@code PostToConnection}). */
public interface ConnectionPoster {

    /**
     * Sends a text frame.
     *
     * @param connectionId the connection
     * @param message      the frame's text, at most {@link EventFrames#MAX_FRAME_BYTES} bytes of UTF-8
     * @return true when sent; false when the connection is gone (HTTP 410 {@code GoneException})
     * @throws RuntimeException on other failures (throttling, 5xx), for the caller to log
     */
    boolean post(String connectionId, String message);
}
