package dev.agentflow.local.api.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The load generator's connection, as wrk keeps one: a blocking HTTP/1.1 socket kept alive across requests, the
 * request written in one piece, the answer read by {@code Content-Length} or chunks — no selector thread, no
 * futures, so the generator's own CPU stays small next to the server's on a 2-core box. Reconnects when the server
 * closed the connection. One thread per connection; not thread-safe.
 */
final class Http1Connection implements AutoCloseable {

  /** An answer: status and body (UTF-8). */
  record Response(int status, String body) {}

  private final String host;
  private final int port;
  private Socket socket;
  private OutputStream out;
  private BufferedInputStream in;

  /** @param endpoint {@code http://host:port} (the path of each request is given to {@link #post}) */
  Http1Connection(URI endpoint) {
    this.host = endpoint.getHost();
    this.port = endpoint.getPort();
  }

  /**
   * Sends {@code POST path} with the headers and body and reads the answer.
   *
   * @throws IOException when the connection fails twice in a row (once is retried on a new connection)
   */
  Response post(String path, Map<String, String> headers, byte[] body) throws IOException {
    StringBuilder head = new StringBuilder(256).append("POST ").append(path).append(" HTTP/1.1\r\nHost: ")
        .append(host).append(':').append(port).append("\r\n");
    headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
    head.append("Content-Length: ").append(body.length).append("\r\n\r\n");
    byte[] request = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    for (int attempt = 1; ; attempt++) {
      try {
        if (socket == null) {
          open();
        }
        out.write(request);
        out.write(body);
        out.flush();
        return read();
      } catch (IOException e) {
        close();
        if (attempt >= 2) {
          throw e;
        }
      }
    }
  }

  private void open() throws IOException {
    socket = new Socket(host, port);
    socket.setTcpNoDelay(true);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
  }

  private Response read() throws IOException {
    String statusLine = line();
    int status = Integer.parseInt(statusLine.substring(9, 12));
    int length = -1;
    boolean chunked = false;
    boolean closeAfter = false;
    for (String header = line(); !header.isEmpty(); header = line()) {
      int colon = header.indexOf(':');
      String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
      String value = header.substring(colon + 1).trim();
      switch (name) {
        case "content-length" -> length = Integer.parseInt(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "connection" -> closeAfter = value.equalsIgnoreCase("close");
        default -> { }
      }
    }
    byte[] body;
    if (chunked) {
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      for (int size = Integer.parseInt(line().split(";")[0].trim(), 16); size > 0;
          size = Integer.parseInt(line().split(";")[0].trim(), 16)) {
        all.write(exactly(size));
        line();
      }
      for (String trailer = line(); !trailer.isEmpty(); trailer = line()) {
        // trailers ignored
      }
      body = all.toByteArray();
    } else {
      body = exactly(Math.max(0, length));
    }
    if (closeAfter) {
      close();
    }
    return new Response(status, new String(body, StandardCharsets.UTF_8));
  }

  private byte[] exactly(int n) throws IOException {
    byte[] bytes = in.readNBytes(n);
    if (bytes.length < n) {
      throw new EOFException("connection closed in a body");
    }
    return bytes;
  }

  private String line() throws IOException {
    StringBuilder line = new StringBuilder(64);
    for (int b = in.read(); b != '\n'; b = in.read()) {
      if (b < 0) {
        throw new EOFException("connection closed");
      }
      if (b != '\r') {
        line.append((char) b);
      }
    }
    return line.toString();
  }

  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
    }
    socket = null;
  }
}
