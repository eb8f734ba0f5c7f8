package dev.agentflow.local.sfn.data;

/**
 * Predefined error names and their matching rules. Source: ASL spec, "Appendix A: Predefined Error Codes";
 * Step Functions developer guide, "Error names" ({@code States.ALL} matches every error except the terminal
 * {@code States.Runtime} and {@code States.DataLimitExceeded}; {@code States.TaskFailed} matches every error
 * except {@code States.Timeout}).
 */
public final class ErrorNames {

  public static final String ALL = "States.ALL";
  public static final String RUNTIME = "States.Runtime";
  public static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";
  public static final String TIMEOUT = "States.Timeout";
  public static final String HEARTBEAT_TIMEOUT = "States.HeartbeatTimeout";
  public static final String TASK_FAILED = "States.TaskFailed";
  public static final String BRANCH_FAILED = "States.BranchFailed";
  public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
  public static final String INTRINSIC_FAILURE = "States.IntrinsicFailure";
  public static final String RESULT_PATH_MATCH_FAILURE = "States.ResultPathMatchFailure";
  public static final String PARAMETER_PATH_FAILURE = "States.ParameterPathFailure";
  public static final String PERMISSIONS = "States.Permissions";

  private ErrorNames() {}

  /**
   * @param pattern one entry of an ErrorEquals array
   * @param error the error name that occurred
   * @return whether the entry matches the error
   */
  public static boolean matches(String pattern, String error) {
    if (RUNTIME.equals(error)) {
      return false; // never retried nor caught
    }
    if (pattern.equals(error)) {
      return true;
    }
    if (ALL.equals(pattern)) {
      return !DATA_LIMIT_EXCEEDED.equals(error);
    }
    if (TASK_FAILED.equals(pattern)) {
      return !TIMEOUT.equals(error) && !DATA_LIMIT_EXCEEDED.equals(error);
    }
    return false;
  }
}
