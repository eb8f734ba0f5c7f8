package dev.agentflow.core.triggers;

/**
 * A trigger or callback setting of a workflow that cannot be used; the API answers it as 400
 * {@code VALIDATION_ERROR} with {@code details.field} = {@link #field()}, and nothing is saved.
 */
public final class TriggerException extends IllegalArgumentException {

    private final String field;

    /**
     * @param field   the offending member, e.g. {@code triggers[1].cron} or {@code definition.settings.callbacks.onFailure}
     * @param message a sentence for the user naming the trigger
     */
    public TriggerException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** @return the offending member's path */
    public String field() {
        return field;
    }
}
