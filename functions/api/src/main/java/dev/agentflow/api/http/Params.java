package dev.agentflow.api.http;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks path ids and query parameters; each refusal is a 400 VALIDATION_ERROR naming the parameter. */
public final class Params {

    /** Default page size. */
    public static final int DEFAULT_LIMIT = 20;
    /** Largest page size. */
    public static final int MAX_LIMIT = 100;

    private static final Pattern WORKFLOW_ID = Pattern.compile("wf_[A-Za-z0-9]{1,64}");
    private static final Pattern EXECUTION_ID = Pattern.compile("exec_[A-Za-z0-9]{1,64}");
    private static final Pattern KEY_ID = Pattern.compile("key_[A-Za-z0-9-]{1,64}");

    private Params() {
    }

    /** A workflow id ({@code wf_…}). */
    public static String workflowId(String value, String field) {
        return id(value, field, WORKFLOW_ID, "a workflow id (wf_…)");
    }

    /** An execution id ({@code exec_…}). */
    public static String executionId(String value, String field) {
        return id(value, field, EXECUTION_ID, "an execution id (exec_…)");
    }

    /** An API key id ({@code key_…}). */
    public static String keyId(String value, String field) {
        return id(value, field, KEY_ID, "an API key id (key_…)");
    }

    private static String id(String value, String field, Pattern pattern, String what) {
        if (value == null || !pattern.matcher(value).matches()) {
            throw ApiException.validation(field, "'" + field + "' must be " + what + ".");
        }
        return value;
    }

    /** {@code limit}: 1–{@value #MAX_LIMIT}, default {@value #DEFAULT_LIMIT}. */
    public static int limit(Map<String, String> query) {
        String text = query.get("limit");
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(text);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.validation("limit", "'limit' must be a whole number from 1 to " + MAX_LIMIT + ".");
    }

    /** An optional ISO-8601 instant query parameter ({@code 2026-01-29T10:00:00Z}). */
    public static Instant instant(Map<String, String> query, String name) {
        String text = query.get(name);
        if (text == null) {
            return null;
        }
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.validation(name, "'" + name + "' must be an ISO-8601 instant such as 2026-01-29T10:00:00Z.");
        }
    }

    /** An optional string query parameter of at most {@code max} characters. */
    public static String string(Map<String, String> query, String name, int max) {
        String text = query.get(name);
        if (text != null && (text.isEmpty() || text.length() > max)) {
            throw ApiException.validation(name, "'" + name + "' must have 1 to " + max + " characters.");
        }
        return text;
    }
}
