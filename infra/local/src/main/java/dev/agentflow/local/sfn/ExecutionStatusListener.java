package dev.agentflow.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Told when an execution ends. Called once per execution, on an engine thread, when it reaches a terminal
 * status (SUCCEEDED, FAILED, TIMED_OUT, ABORTED), with the DescribeExecution response body (AWS API
 * reference, "DescribeExecution"). Implementations should return quickly and not throw.
 */
public interface ExecutionStatusListener {

  /** @param describeExecution the DescribeExecution response body of the ended execution */
  void onStatusChange(JsonNode describeExecution);
}
