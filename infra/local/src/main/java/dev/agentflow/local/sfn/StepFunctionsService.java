package dev.agentflow.local.sfn;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.local.sfn.service.SfnApi;

/**
 * The local AWS Step Functions service: the API operations of the AWS JSON 1.0 protocol as a plain Java call
 * (the edge HTTP server maps {@code X-Amz-Target: AWSStepFunctions.<Operation>} to {@link #handle}), backed by
 * an ASL interpreter that runs executions on a bounded thread pool.
 *
 * <p>Operations: CreateStateMachine, UpdateStateMachine, DescribeStateMachine, ListStateMachines,
 * DeleteStateMachine, PublishStateMachineVersion, ListStateMachineVersions, DeleteStateMachineVersion,
 * StartExecution, DescribeExecution, ListExecutions, StopExecution, GetExecutionHistory. Requests and responses
 * are the JSON bodies of the AWS Step Functions API reference (timestamps as epoch seconds, ARNs
 * {@code arn:aws:states:<region>:<account>:stateMachine:<name>} and {@code ...:execution:<sm>:<name>}).
 * Definitions may use JSONPath or JSONata ({@code QueryLanguage}) and workflow variables ({@code Assign}).
 *
 * <p>With a data directory (see {@link SfnOptions#dataDirectory()}) state machines, versions and executions
 * survive a restart; executions that were still RUNNING when the previous service stopped are ended as FAILED
 * ({@code States.Runtime}, cause "Local cloud stopped while the execution was running") when the next one starts,
 * and the status listener is told.
 */
public final class StepFunctionsService implements AutoCloseable {

  private final SfnApi api;

  /**
   * Creates the service and, with a data directory, loads what the previous run kept.
   *
   * @param tasks runs Task states' resources (the local Lambda runner); {@code null}: every Task fails
   * @param statusListener told once per execution when it ends (on an engine thread); may be {@code null}
   * @param options region, account, threads, data directory, clock
   * @throws java.io.UncheckedIOException if the data directory cannot be created or read
   */
  public StepFunctionsService(TaskHandler tasks, ExecutionStatusListener statusListener, SfnOptions options) {
    this.api = new SfnApi(tasks, statusListener, options == null ? SfnOptions.defaults() : options);
  }

  /**
   * Runs one API operation.
   *
   * @param operation the X-Amz-Target suffix, e.g. {@code "StartExecution"}
   * @param request the JSON request body ({@code null} is read as {@code {}})
   * @return the JSON response body
   * @throws SfnServiceException an AWS error: InvalidDefinition, InvalidArn, InvalidName, StateMachineDoesNotExist,
   *     StateMachineAlreadyExists, ExecutionDoesNotExist, ExecutionAlreadyExists, InvalidExecutionInput,
   *     InvalidToken, ValidationException, MissingRequiredParameter, ConflictException, UnknownOperationException
   *     (HTTP 400), or InternalFailure (HTTP 500)
   */
  public JsonNode handle(String operation, JsonNode request) throws SfnServiceException {
    return api.handle(operation, request);
  }

  /**
   * Stops the engine threads. Executions still running are left RUNNING in the data directory and are ended as
   * FAILED by the next service started on it.
   */
  @Override
  public void close() {
    api.close();
  }
}
