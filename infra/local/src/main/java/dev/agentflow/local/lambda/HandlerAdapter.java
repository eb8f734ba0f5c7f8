package dev.agentflow.local.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.CustomPojoSerializer;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.ServiceLoader;

/**
 * One loaded handler (a warm container's handler instance) and how to call it, following the AWS Java
 * runtime's rules (aws-lambda-java-runtime-interface-client {@code EventHandlerLoader}):
 * <ul>
 *   <li>{@code pkg.Class}: the class implements {@link RequestStreamHandler} or {@link RequestHandler}; the
 *       input type is {@code RequestHandler}'s first type argument.
 *   <li>{@code pkg.Class::method}: a public method of that name taking {@code (InputStream, OutputStream[,
 *       Context])}, {@code (T[, Context])}, {@code (Context)} or {@code ()}; non-bridge methods and longer
 *       signatures win.
 * </ul>
 * The class is instantiated once with its public no-argument constructor (not for static methods).
 *
 * <p>JSON binding: a {@link CustomPojoSerializer} service on the handler's class loader, if present, binds
 * every type (as in AWS); else types of {@code aws-lambda-java-events} use the runtime's own
 * {@link LambdaEventSerializers} (so {@code ScheduledEvent.detail-type} etc. map as in AWS); else Jackson
 * ({@code Map}, {@code List}, {@code String}, {@code JsonNode}, records and POJOs; unknown properties ignored).
 */
final class HandlerAdapter {

  private static final byte[] JSON_NULL = "null".getBytes(StandardCharsets.UTF_8);

  private final Invoker invoker;

  private HandlerAdapter(Invoker invoker) {
    this.invoker = invoker;
  }

  /**
   * Loads and instantiates a handler. Runs the handler's static initialisers and constructor (the init phase).
   *
   * @param handler {@code pkg.Class} or {@code pkg.Class::method}
   * @param loader where the handler class is found
   * @param mapper the Jackson mapper for types without a Lambda serializer
   * @throws Throwable what loading throws: {@link ClassNotFoundException}, {@link NoSuchMethodException},
   *     or the constructor's own exception (unwrapped)
   */
  static HandlerAdapter load(String handler, ClassLoader loader, ObjectMapper mapper) throws Throwable {
    int separator = handler.indexOf("::");
    String className = separator < 0 ? handler : handler.substring(0, separator);
    String methodName = separator < 0 ? null : handler.substring(separator + 2);
    Class<?> type = Class.forName(className, true, loader);
    Binder binder = new Binder(mapper, loader);
    if (methodName == null) {
      if (RequestStreamHandler.class.isAssignableFrom(type)) {
        RequestStreamHandler streamHandler = (RequestStreamHandler) instantiate(type);
        return new HandlerAdapter((input, context) -> {
          ByteArrayOutputStream output = new ByteArrayOutputStream();
          streamHandler.handleRequest(new ByteArrayInputStream(input), output, context);
          return output.toByteArray();
        });
      }
      if (RequestHandler.class.isAssignableFrom(type)) {
        JavaType handlerType = mapper.getTypeFactory().constructType(type).findSuperType(RequestHandler.class);
        JavaType inputType = handlerType == null || handlerType.containedType(0) == null
            ? mapper.getTypeFactory().constructType(Object.class) : handlerType.containedType(0);
        @SuppressWarnings("unchecked")
        RequestHandler<Object, Object> requestHandler = (RequestHandler<Object, Object>) instantiate(type);
        return new HandlerAdapter((input, context) ->
            binder.write(requestHandler.handleRequest(binder.read(input, inputType), context)));
      }
      throw new NoSuchMethodException("Class does not implement an appropriate handler interface: " + className);
    }
    Method method = Arrays.stream(type.getMethods())
        .filter(m -> m.getName().equals(methodName) && supported(m))
        .min(Comparator.comparing(Method::isBridge).thenComparing(m -> -weight(m)))
        .orElseThrow(() -> new NoSuchMethodException("No public method named " + methodName + " with appropriate "
            + "argument types in class " + className));
    Object target = Modifier.isStatic(method.getModifiers()) ? null : instantiate(type);
    return new HandlerAdapter(methodInvoker(method, target, binder, mapper));
  }

  /**
   * Invokes the handler.
   *
   * @param input the event JSON (empty for no payload)
   * @param context the invocation's context
   * @return the response JSON ({@code null} for a void or null result)
   * @throws Throwable the handler's exception, unwrapped from reflection
   */
  byte[] invoke(byte[] input, Context context) throws Throwable {
    return invoker.invoke(input, context);
  }

  private static Invoker methodInvoker(Method method, Object target, Binder binder, ObjectMapper mapper) {
    Class<?>[] parameters = method.getParameterTypes();
    Type[] generic = method.getGenericParameterTypes();
    boolean stream = parameters.length >= 2 && parameters[0] == InputStream.class
        && parameters[1] == OutputStream.class;
    return (input, context) -> {
      Object[] arguments = new Object[parameters.length];
      ByteArrayOutputStream output = stream ? new ByteArrayOutputStream() : null;
      for (int i = 0; i < parameters.length; i++) {
        if (Context.class.isAssignableFrom(parameters[i])) {
          arguments[i] = context;
        } else if (stream && i == 0) {
          arguments[i] = new ByteArrayInputStream(input);
        } else if (stream && i == 1) {
          arguments[i] = output;
        } else {
          arguments[i] = binder.read(input, mapper.getTypeFactory().constructType(generic[i]));
        }
      }
      Object result = call(method, target, arguments);
      return stream ? output.toByteArray() : binder.write(result);
    };
  }

  private static boolean supported(Method method) {
    Class<?>[] p = method.getParameterTypes();
    boolean lastIsContext = p.length > 0 && Context.class.isAssignableFrom(p[p.length - 1]);
    return switch (p.length) {
      case 0 -> true;
      case 1 -> true;
      case 2 -> (p[0] == InputStream.class && p[1] == OutputStream.class) || (lastIsContext && p[0] != Context.class);
      case 3 -> p[0] == InputStream.class && p[1] == OutputStream.class && lastIsContext;
      default -> false;
    };
  }

  private static int weight(Method method) {
    Class<?>[] p = method.getParameterTypes();
    boolean lastIsContext = p.length > 0 && Context.class.isAssignableFrom(p[p.length - 1]);
    return p.length + (lastIsContext ? 1 : 0);
  }

  private static Object instantiate(Class<?> type) throws Throwable {
    Constructor<?> constructor;
    try {
      constructor = type.getConstructor();
    } catch (NoSuchMethodException e) {
      throw new NoSuchMethodException("Class " + type.getName() + " has no public zero-argument constructor");
    }
    try {
      return constructor.newInstance();
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private static Object call(Method method, Object target, Object[] arguments) throws Throwable {
    try {
      return method.invoke(target, arguments);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @FunctionalInterface
  private interface Invoker {
    byte[] invoke(byte[] input, Context context) throws Throwable;
  }

  /** Reads and writes handler arguments and results as the Java runtime does (see class comment). */
  private static final class Binder {

    private final ObjectMapper mapper;
    private final ClassLoader loader;
    private final CustomPojoSerializer custom;

    Binder(ObjectMapper mapper, ClassLoader loader) {
      this.mapper = mapper.copy().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
      this.loader = loader;
      this.custom = customSerializer(loader);
    }

    Object read(byte[] input, JavaType type) throws IOException {
      if (input.length == 0) {
        return null;
      }
      if (custom != null) {
        return custom.fromJson(new ByteArrayInputStream(input), type);
      }
      if (LambdaEventSerializers.isLambdaSupportedEvent(type.getRawClass().getName())) {
        PojoSerializer<?> serializer = LambdaEventSerializers.serializerFor(type.getRawClass(), loader);
        return serializer.fromJson(new ByteArrayInputStream(input));
      }
      return mapper.readValue(input, type);
    }

    byte[] write(Object result) throws IOException {
      if (result == null) {
        return JSON_NULL;
      }
      if (custom != null) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        custom.toJson(result, output, result.getClass());
        return output.toByteArray();
      }
      if (LambdaEventSerializers.isLambdaSupportedEvent(result.getClass().getName())) {
        @SuppressWarnings("unchecked")
        PojoSerializer<Object> serializer =
            (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(result.getClass(), loader);
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        serializer.toJson(result, output);
        return output.toByteArray();
      }
      return mapper.writeValueAsBytes(result);
    }

    private static CustomPojoSerializer customSerializer(ClassLoader loader) {
      Iterator<CustomPojoSerializer> found = ServiceLoader.load(CustomPojoSerializer.class, loader).iterator();
      if (!found.hasNext()) {
        return null;
      }
      CustomPojoSerializer serializer = found.next();
      if (found.hasNext()) {
        throw new IllegalStateException("Too many CustomPojoSerializer services in META-INF/services; only one "
            + "is allowed: " + List.of(serializer.getClass().getName(), found.next().getClass().getName()));
      }
      return serializer;
    }
  }
}
