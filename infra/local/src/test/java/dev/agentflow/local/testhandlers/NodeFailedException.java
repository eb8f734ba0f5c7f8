package dev.agentflow.local.testhandlers;

/** A typed failure as our node handlers throw it: {@link #errorCode()} is what Step Functions matches. */
public class NodeFailedException extends RuntimeException {

  private static final long serialVersionUID = 1L;
  private final String code;

  public NodeFailedException(String code, String message) {
    super(message);
    this.code = code;
  }

  public String errorCode() {
    return code;
  }
}
