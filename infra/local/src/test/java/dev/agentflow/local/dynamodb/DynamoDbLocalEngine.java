package dev.agentflow.local.dynamodb;

import com.amazonaws.services.dynamodbv2.exceptions.DynamoDBLocalServiceException;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * DynamoDB Local's storage engine (com.amazonaws:DynamoDBLocal, {@code LocalDynamoDBRequestHandler} over
 * SQLite) in this JVM, without its HTTP server: {@link DynamoDbLocalApi} hands it the edge's requests. Configured
 * as {@code DynamoDBLocal.jar -sharedDb} would be — one database whatever the caller's credentials and region
 * ({@code shared-local-instance.db}) — either in memory or file-backed under a directory, so tables and items
 * survive a restart. Source: Amazon DynamoDB Developer Guide, "DynamoDB local usage notes" ({@code -sharedDb},
 * {@code -inMemory}, {@code -dbPath}); the arguments are those DynamoDB Local's own {@code ServerRunner} passes.
 */
public final class DynamoDbLocalEngine implements AutoCloseable {

  private final LocalDynamoDBRequestHandler handler;

  private DynamoDbLocalEngine(LocalDynamoDBRequestHandler handler) {
    this.handler = handler;
  }

  /**
   * Opens the engine.
   *
   * @param dataDirectory where {@code shared-local-instance.db} lives (created when missing), or {@code null} for
   *     in-memory
   * @return the engine
   * @throws IOException when the data directory cannot be created
   * @throws IllegalStateException when DynamoDB Local refuses to open the database
   */
  public static DynamoDbLocalEngine open(Path dataDirectory) throws IOException {
    if (dataDirectory != null) {
      Files.createDirectories(dataDirectory);
    }
    PrintStream stdout = System.out;
    System.setOut(System.err); // DynamoDB Local may print; stdout is the CLI's result channel
    try {
      return new DynamoDbLocalEngine(new LocalDynamoDBRequestHandler(0, dataDirectory == null,
          dataDirectory == null ? null : dataDirectory.toAbsolutePath().toString(), true, false));
    } catch (DynamoDBLocalServiceException e) {
      throw new IllegalStateException("DynamoDB Local did not open its database: " + e.getMessage(), e);
    } finally {
      System.setOut(stdout);
    }
  }

  /** @return DynamoDB Local's request handler (the operations on the v1 model classes) */
  DynamoDBRequestHandler handler() {
    return handler;
  }

  /** Closes the database; file-backed data stays on disk. */
  @Override
  public void close() {
    handler.shutdown();
  }
}
