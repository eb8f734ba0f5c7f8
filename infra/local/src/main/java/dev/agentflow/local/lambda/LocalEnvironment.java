package dev.agentflow.local.lambda;

import java.lang.reflect.Field;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * Per-invocation environment variables for Lambda handlers that run in-process.
 *
 * <p>In AWS each function runs in its own sandbox whose process environment holds the function's
 * {@code Environment.Variables} and the variables Lambda defines ({@code AWS_REGION},
 * {@code AWS_LAMBDA_FUNCTION_NAME}, ...). Here many functions share one JVM, so the runner sets the
 * function's variables as a <em>thread-local overlay</em> around each invocation ({@link #callWith}) and
 * makes {@link System#getenv(String)} and {@link System#getenv()} consult it: {@link #install()} replaces
 * the map behind the JDK's unmodifiable environment view with one that looks in the calling thread's
 * overlay first and then in the real environment. Handlers (and the AWS SDK, which reads
 * {@code AWS_REGION} / {@code AWS_ENDPOINT_URL} through {@code System.getenv}) therefore see exactly their
 * function's variables, while other threads see the unchanged process environment.
 *
 * <p>The overlay is visible on the invocation's thread only: threads a handler starts itself see the
 * process environment. {@link #install()} uses deep reflection when the JVM runs with
 * {@code --add-opens java.base/java.util=ALL-UNNAMED} (preferred; Surefire passes it), else
 * {@code sun.misc.Unsafe}; if neither works (a JDK whose environment view has another shape) it returns
 * {@code false} and only {@link #get(String)} / {@link #current()} see the overlay.
 */
public final class LocalEnvironment {

  private static final ThreadLocal<Map<String, String>> OVERLAY = new ThreadLocal<>();
  private static volatile boolean installed;
  private static volatile ReadListener listener;

  /**
   * Observes a function's reads of its environment through {@code System.getenv(name)} /
   * {@code System.getenv().get(name)} while an overlay is in place (template consistency tests find out which
   * variables each function's code reads). Called on the reading thread; must be cheap and not throw.
   */
  @FunctionalInterface
  public interface ReadListener {

    /**
     * @param functionName the overlay's {@code AWS_LAMBDA_FUNCTION_NAME} (null when the overlay has none)
     * @param variable the variable read
     * @param present whether the function's environment (overlay or process) holds it
     */
    void read(String functionName, String variable, boolean present);
  }

  /**
   * Sets the one read listener, or removes it with {@code null}. Only reads made while an overlay is in
   * place (inside {@link #callWith}) are reported; they are seen only once {@link #install()} succeeded.
   */
  public static void listen(ReadListener readListener) {
    listener = readListener;
  }

  private LocalEnvironment() {}

  /**
   * Makes {@code System.getenv} consult the thread-local overlay. Idempotent.
   *
   * @return {@code true} when {@code System.getenv} now sees per-invocation variables, {@code false} when the
   *     JVM does not allow it (missing {@code --add-opens java.base/java.util=ALL-UNNAMED})
   */
  public static synchronized boolean install() {
    if (installed) {
      return true;
    }
    Map<String, String> view = System.getenv();
    try {
      Field backing = view.getClass().getDeclaredField("m");
      @SuppressWarnings("unchecked")
      Map<String, String> processEnvironment = (Map<String, String>) read(view, backing);
      write(view, backing, new OverlayMap(processEnvironment));
      for (String cachedView : new String[] {"keySet", "entrySet", "values"}) {
        write(view, view.getClass().getDeclaredField(cachedView), null);
      }
      installed = true;
      return true;
    } catch (ReflectiveOperationException | RuntimeException e) {
      // A JDK whose environment view has another shape: the documented fallback is the explicit API
      // (get/current), reported to the caller through the return value.
      return false;
    }
  }

  /** Reads a field of the JDK's environment view: deep reflection when opened, else sun.misc.Unsafe. */
  private static Object read(Object target, Field field) throws ReflectiveOperationException {
    if (field.trySetAccessible()) {
      return field.get(target);
    }
    Object unsafe = unsafe();
    long offset = (long) unsafe.getClass().getMethod("objectFieldOffset", Field.class).invoke(unsafe, field);
    return unsafe.getClass().getMethod("getObject", Object.class, long.class).invoke(unsafe, target, offset);
  }

  private static void write(Object target, Field field, Object value) throws ReflectiveOperationException {
    if (field.trySetAccessible()) {
      field.set(target, value);
      return;
    }
    Object unsafe = unsafe();
    long offset = (long) unsafe.getClass().getMethod("objectFieldOffset", Field.class).invoke(unsafe, field);
    unsafe.getClass().getMethod("putObjectVolatile", Object.class, long.class, Object.class)
        .invoke(unsafe, target, offset, value);
  }

  /** sun.misc.Unsafe (module jdk.unsupported opens it): used when java.util is not opened to us. */
  private static Object unsafe() throws ReflectiveOperationException {
    Field theUnsafe = Class.forName("sun.misc.Unsafe").getDeclaredField("theUnsafe");
    theUnsafe.setAccessible(true);
    return theUnsafe.get(null);
  }

  /** @return whether {@link System#getenv} sees the per-invocation overlay */
  public static boolean isInstalled() {
    return installed;
  }

  /**
   * Runs {@code body} on the current thread with {@code variables} laid over the process environment.
   * Nested calls replace the outer overlay for their duration.
   *
   * @param variables the function's full environment for this call
   * @param body the work to run
   * @return what {@code body} returns
   * @throws Exception whatever {@code body} throws
   */
  public static <T> T callWith(Map<String, String> variables, Callable<T> body) throws Exception {
    Map<String, String> previous = OVERLAY.get();
    OVERLAY.set(Map.copyOf(variables));
    try {
      return body.call();
    } finally {
      if (previous == null) {
        OVERLAY.remove();
      } else {
        OVERLAY.set(previous);
      }
    }
  }

  /**
   * Runs {@code body} on the current thread without any function's overlay (the process environment only), as a
   * local service answering a function's request in-process must: it is not the function.
   *
   * @param body the work to run
   * @return what {@code body} returns
   * @throws Exception whatever {@code body} throws
   */
  public static <T> T callWithout(Callable<T> body) throws Exception {
    Map<String, String> previous = OVERLAY.get();
    if (previous == null) {
      return body.call();
    }
    OVERLAY.remove();
    try {
      return body.call();
    } finally {
      OVERLAY.set(previous);
    }
  }

  /**
   * Reads a variable as the running handler sees it: the overlay first, then the process environment.
   * Works whether or not {@link #install()} succeeded.
   *
   * @return the value, or {@code null}
   */
  public static String get(String name) {
    Map<String, String> overlay = OVERLAY.get();
    if (overlay != null && overlay.containsKey(name)) {
      return overlay.get(name);
    }
    return System.getenv(name);
  }

  /** @return the environment the running handler sees (overlay over process environment), unmodifiable */
  public static Map<String, String> current() {
    Map<String, String> merged = new HashMap<>(System.getenv());
    Map<String, String> overlay = OVERLAY.get();
    if (overlay != null) {
      merged.putAll(overlay);
    }
    return Map.copyOf(merged);
  }

  /** The process environment with the calling thread's overlay laid on top. */
  private static final class OverlayMap extends AbstractMap<String, String> {

    private final Map<String, String> process;

    OverlayMap(Map<String, String> process) {
      this.process = process;
    }

    @Override
    public String get(Object key) {
      Map<String, String> overlay = OVERLAY.get();
      String value = overlay != null && overlay.containsKey(key) ? overlay.get(key) : process.get(key);
      ReadListener observer = listener;
      if (observer != null && overlay != null && key instanceof String name) {
        observer.read(overlay.get("AWS_LAMBDA_FUNCTION_NAME"), name, value != null);
      }
      return value;
    }

    @Override
    public boolean containsKey(Object key) {
      Map<String, String> overlay = OVERLAY.get();
      return (overlay != null && overlay.containsKey(key)) || process.containsKey(key);
    }

    @Override
    public Set<Entry<String, String>> entrySet() {
      Map<String, String> overlay = OVERLAY.get();
      if (overlay == null) {
        return process.entrySet();
      }
      Map<String, String> merged = new HashMap<>(process);
      merged.putAll(overlay);
      return new AbstractSet<>() {
        @Override
        public Iterator<Entry<String, String>> iterator() {
          return Map.copyOf(merged).entrySet().iterator();
        }

        @Override
        public int size() {
          return merged.size();
        }
      };
    }
  }
}
