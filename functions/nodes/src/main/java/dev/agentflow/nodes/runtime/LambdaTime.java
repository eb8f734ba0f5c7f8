package dev.agentflow.nodes.runtime;

import com.amazonaws.services.lambda.runtime.Context;
import java.time.Duration;

/** The Lambda's remaining time, when the runtime reports one. */
public final class LambdaTime {

    private LambdaTime() {
    }

    /** Remaining time, or null when there is no context or it reports none. */
    public static Duration remaining(Context context) {
        if (context == null) {
            return null;
        }
        int millis = context.getRemainingTimeInMillis();
        return millis > 0 ? Duration.ofMillis(millis) : null;
    }
}
