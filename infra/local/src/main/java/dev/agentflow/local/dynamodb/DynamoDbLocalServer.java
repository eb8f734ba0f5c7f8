package dev.agentflow.local.dynamodb;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * DynamoDB Local (com.amazonaws:DynamoDBLocal) running in this JVM in server mode on an internal port.
 * Always {@code -sharedDb} (one database whatever the caller's credentials and region) and
 * {@code -disableTelemetry}; either {@code -inMemory} or {@code -dbPath <dir>} (file-backed: tables and
 * items survive a restart). Source: Amazon DynamoDB Developer Guide, "DynamoDB local usage notes".
 */
public final class DynamoDbLocalServer implements AutoCloseable {

  private final DynamoDBProxyServer server;
  private final int port;

  private DynamoDbLocalServer(DynamoDBProxyServer server, int port) {
    this.server = server;
    this.port = port;
  }

  /**
   * Starts DynamoDB Local.
   *
   * @param dataDirectory where the database file lives, or {@code null} for in-memory
   * @return the running server
   * @throws IOException when no free port is found or the data directory cannot be created
   * @throws IllegalStateException when DynamoDB Local fails to start
   */
  public static DynamoDbLocalServer start(Path dataDirectory) throws IOException {
    if (dataDirectory != null) {
      Files.createDirectories(dataDirectory);
    }
    Exception last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port = freePort();
      List<String> args = new ArrayList<>(List.of("-port", Integer.toString(port), "-sharedDb", "-disableTelemetry"));
      if (dataDirectory == null) {
        args.add("-inMemory");
      } else {
        args.add("-dbPath");
        args.add(dataDirectory.toAbsolutePath().toString());
      }
      PrintStream stdout = System.out;
      System.setOut(System.err); // DynamoDB Local prints its configuration; stdout is the CLI's result channel
      try {
        DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args.toArray(String[]::new));
        server.start();
        return new DynamoDbLocalServer(server, port);
      } catch (Exception e) {
        last = e; // most likely the port was taken between freePort() and start(): try another one
      } finally {
        System.setOut(stdout);
      }
    }
    throw new IllegalStateException("DynamoDB Local did not start", last);
  }

  /** @return the internal endpoint, {@code http://127.0.0.1:<port>} */
  public URI endpoint() {
    return URI.create("http://127.0.0.1:" + port);
  }

  /** Stops DynamoDB Local; file-backed data stays on disk. */
  @Override
  public void close() throws Exception {
    server.stop();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
