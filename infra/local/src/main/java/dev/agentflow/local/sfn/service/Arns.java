package dev.agentflow.local.sfn.service;

import dev.agentflow.local.sfn.SfnServiceException;

/**
 * Builds and parses Step Functions ARNs of one region and account:
 * {@code arn:aws:states:<region>:<account>:stateMachine:<name>[:<version>]} and
 * {@code arn:aws:states:<region>:<account>:execution:<stateMachineName>:<executionName>}; validates names.
 * Source: Step Functions API reference ("CreateStateMachine" name constraints: 1–80 characters, no whitespace,
 * brackets, wildcards, special or control characters); IAM ARN format.
 */
final class Arns {

  /** A parsed state machine ARN; {@code version} 0 for the unqualified ARN. */
  record StateMachineRef(String name, int version) {}

  /** A parsed execution ARN. */
  record ExecutionRef(String stateMachineName, String name) {}

  private static final String FORBIDDEN = " \t\n\r<>{}[]?*\"#%\\^|~`$&,;:/";

  private final String prefix;

  Arns(String region, String account) {
    this.prefix = "arn:aws:states:" + region + ":" + account + ":";
  }

  String stateMachine(String name) {
    return prefix + "stateMachine:" + name;
  }

  String version(String name, int version) {
    return stateMachine(name) + ":" + version;
  }

  String execution(String stateMachineName, String executionName) {
    return prefix + "execution:" + stateMachineName + ":" + executionName;
  }

  /**
   * @param arn a state machine or state machine version ARN
   * @throws SfnServiceException InvalidArn if it is not one; StateMachineDoesNotExist if it names another
   *     region or account
   */
  StateMachineRef parseStateMachine(String arn) throws SfnServiceException {
    String[] parts = split(arn);
    if (!parts[5].equals("stateMachine") || parts.length < 7 || parts.length > 8) {
      throw invalid("Resource type not valid in this context: " + parts[5]);
    }
    checkOwn(arn, "StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn + "'");
    int version = 0;
    if (parts.length == 8) {
      try {
        version = Integer.parseInt(parts[7]);
      } catch (NumberFormatException e) {
        throw new SfnServiceException("StateMachineDoesNotExist", "State Machine Does Not Exist: '" + arn
            + "' (aliases are not supported by the local engine)", ApiJson.BAD_REQUEST);
      }
      if (version < 1) {
        throw invalid("Invalid version number: " + parts[7]);
      }
    }
    return new StateMachineRef(parts[6], version);
  }

  /**
   * @param arn an execution ARN
   * @throws SfnServiceException InvalidArn if it is not one; ExecutionDoesNotExist for another region/account
   */
  ExecutionRef parseExecution(String arn) throws SfnServiceException {
    String[] parts = split(arn);
    if (!parts[5].equals("execution") || parts.length != 8) {
      throw invalid("Resource type not valid in this context: " + parts[5]);
    }
    checkOwn(arn, "ExecutionDoesNotExist", "Execution Does Not Exist: '" + arn + "'");
    return new ExecutionRef(parts[6], parts[7]);
  }

  private void checkOwn(String arn, String type, String message) throws SfnServiceException {
    if (!arn.startsWith(prefix)) {
      throw new SfnServiceException(type, message, ApiJson.BAD_REQUEST);
    }
  }

  private static String[] split(String arn) throws SfnServiceException {
    if (arn == null || !arn.startsWith("arn:")) {
      throw invalid("Invalid ARN prefix: " + arn);
    }
    String[] parts = arn.split(":", -1);
    if (parts.length < 7 || !parts[2].equals("states")) {
      throw invalid("Invalid ARN: " + arn);
    }
    return parts;
  }

  private static SfnServiceException invalid(String detail) {
    return new SfnServiceException("InvalidArn", "Invalid Arn: '" + detail + "'", ApiJson.BAD_REQUEST);
  }

  /** @throws SfnServiceException InvalidName if {@code name} breaks the naming rules */
  static void checkName(String name) throws SfnServiceException {
    boolean ok = !name.isEmpty() && name.length() <= 80;
    for (int i = 0; ok && i < name.length(); i++) {
      char c = name.charAt(i);
      if (FORBIDDEN.indexOf(c) >= 0 || c < 0x20 || (c >= 0x7f && c <= 0x9f) || Character.isWhitespace(c)) {
        ok = false;
      }
    }
    if (!ok) {
      throw new SfnServiceException("InvalidName", "Invalid Name: '" + name + "'", ApiJson.BAD_REQUEST);
    }
  }
}
