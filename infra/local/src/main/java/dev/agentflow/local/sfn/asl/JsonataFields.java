package dev.agentflow.local.sfn.asl;

import dev.agentflow.local.sfn.data.JsonataTemplate;

/**
 * The fields of a state written in JSONata ({@code QueryLanguage: "JSONata"}); {@code null} in JSONPath states.
 * Literal values are constant templates. Source: developer guide, "Transforming data with JSONata in Step
 * Functions".
 *
 * @param arguments Task / Parallel input (absent: the state input)
 * @param output the state output (absent: the result, or the input for Pass, Choice, Wait, Succeed)
 * @param items Map items (absent: the state input)
 * @param itemSelector Map ItemSelector
 * @param timeoutSeconds Task TimeoutSeconds
 * @param seconds Wait Seconds
 * @param timestamp Wait Timestamp
 * @param error Fail Error
 * @param cause Fail Cause
 * @param maxConcurrency Map MaxConcurrency
 */
public record JsonataFields(JsonataTemplate arguments, JsonataTemplate output, JsonataTemplate items,
    JsonataTemplate itemSelector, JsonataTemplate timeoutSeconds, JsonataTemplate seconds,
    JsonataTemplate timestamp, JsonataTemplate error, JsonataTemplate cause, JsonataTemplate maxConcurrency) {}
