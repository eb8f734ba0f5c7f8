package dev.agentflow.local.template;

/** A template.yaml that cannot be read or resolved: unreadable file, bad YAML, an intrinsic of the wrong shape. */
public class TemplateException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** @param message what is wrong, naming the resource or property where known */
  public TemplateException(String message) {
    super(message);
  }

  /**
   * @param message what is wrong
   * @param cause the underlying error (I/O, YAML syntax)
   */
  public TemplateException(String message, Throwable cause) {
    super(message, cause);
  }
}
