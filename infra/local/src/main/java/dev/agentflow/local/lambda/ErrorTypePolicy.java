package dev.agentflow.local.lambda;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * How a handler exception becomes the Lambda {@code errorType} that Step Functions {@code Retry} /
 * {@code Catch} match with {@code ErrorEquals}.
 */
public enum ErrorTypePolicy {

  /**
   * AgentFlow's convention: if the exception class has a public no-argument method {@code String errorCode()}
   * returning a non-blank value, that value (e.g. {@code HTTP_REQUEST_FAILED}); else the class's simple name.
   */
  ERROR_CODE_OR_SIMPLE_NAME,

  /**
   * Exactly what AWS's Java runtime reports: the fully qualified class name
   * ({@code throwable.getClass().getName()}, aws-lambda-java-runtime-interface-client
   * {@code UserFault.makeUserFault} / {@code LambdaErrorConverter}).
   */
  JAVA_RUNTIME;

  /** @return the errorType for a handler exception under this policy */
  public String errorType(Throwable error) {
    Class<?> type = error.getClass();
    if (this == JAVA_RUNTIME) {
      return type.getName();
    }
    String code = errorCode(error);
    if (code != null) {
      return code;
    }
    String simple = type.getSimpleName();
    return simple.isEmpty() ? type.getName() : simple;
  }

  private static String errorCode(Throwable error) {
    Method method;
    try {
      method = error.getClass().getMethod("errorCode");
    } catch (NoSuchMethodException e) {
      return null; // no errorCode(): the class name is the error type
    }
    if (method.getReturnType() != String.class || Modifier.isStatic(method.getModifiers())) {
      return null;
    }
    try {
      method.setAccessible(true);
      Object value = method.invoke(error);
      return value instanceof String text && !text.isBlank() ? text : null;
    } catch (ReflectiveOperationException | RuntimeException e) {
      throw new IllegalStateException("errorCode() of " + error.getClass().getName() + " failed", e);
    }
  }
}
