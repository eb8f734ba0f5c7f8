package dev.agentflow.local.dynamodb.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * The durable form of a {@link Database}: {@code snapshot.jsonl} (the whole state, one JSON object a line: a table
 * line, then its items) and {@code journal.jsonl} (the changes since, appended one JSON object a line; buffered and
 * written out by {@link #flush()}, which the database calls every 100 ms and on close). Opening replays the
 * snapshot then the journal (a torn last line, from a crash mid-write, is skipped); compaction writes a new
 * snapshot beside the old one, moves it over atomically, and empties the journal.
 */
final class Journal implements AutoCloseable {

  static final String SNAPSHOT = "snapshot.jsonl";
  static final String JOURNAL = "journal.jsonl";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path directory;
  /** Guards the file (writes, compaction, close); {@code this} guards only {@link #pending}, so appends never wait
   * for the disk. */
  private final Object io = new Object();
  private StringBuilder pending = new StringBuilder();
  private FileChannel channel;
  private Writer writer;

  private Journal(Path directory) {
    this.directory = directory;
  }

  /**
   * Reads the snapshot and the journal into {@code replay}, in order.
   *
   * @param directory the data directory (created when missing)
   * @param replay called with each record
   * @return the journal, ready for {@link #compact} then appends
   */
  static Journal open(Path directory, Consumer<ObjectNode> replay) throws IOException {
    Files.createDirectories(directory);
    for (String file : new String[] {SNAPSHOT, JOURNAL}) {
      Path path = directory.resolve(file);
      if (!Files.exists(path)) {
        continue;
      }
      try (BufferedReader in = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
        String line;
        while ((line = in.readLine()) != null) {
          if (line.isBlank()) {
            continue;
          }
          JsonNode record;
          try {
            record = JSON.readTree(line);
          } catch (IOException torn) {
            if (in.readLine() == null) {
              break; // the last line, cut short by a crash: that change was never acknowledged as durable
            }
            throw new IOException("corrupt DynamoDB " + file + " in " + directory + ": " + torn.getMessage(), torn);
          }
          replay.accept((ObjectNode) record);
        }
      }
    }
    return new Journal(directory);
  }

  /**
   * Writes the whole state as the new snapshot and starts an empty journal.
   *
   * @param state writes the state's records, one per call of the given consumer
   */
  void compact(Consumer<Consumer<ObjectNode>> state) throws IOException {
    synchronized (io) {
      compactLocked(state);
    }
  }

  private void compactLocked(Consumer<Consumer<ObjectNode>> state) throws IOException {
    flush();
    closeWriter();
    Path temporary = directory.resolve(SNAPSHOT + ".tmp");
    try (Writer out = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(temporary),
        StandardCharsets.UTF_8), 1 << 16)) {
      state.accept(record -> {
        try {
          out.write(JSON.writeValueAsString(record));
          out.write('\n');
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
    try (FileChannel c = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
      c.force(true);
    }
    Files.move(temporary, directory.resolve(SNAPSHOT), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
    Files.deleteIfExists(directory.resolve(JOURNAL));
    channel = FileChannel.open(directory.resolve(JOURNAL), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.APPEND);
    OutputStream stream = Channels.newOutputStream(channel);
    writer = new BufferedWriter(new OutputStreamWriter(stream, StandardCharsets.UTF_8), 1 << 16);
  }

  /** Queues one change (written out by the next {@link #flush()}). */
  void append(ObjectNode record) {
    String line;
    try {
      line = JSON.writeValueAsString(record);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    synchronized (this) {
      pending.append(line).append('\n');
    }
  }

  /** Writes the queued changes to the journal file (to the OS; {@link #close()} also forces them to disk). */
  void flush() throws IOException {
    synchronized (io) {
      if (writer == null) {
        return;
      }
      StringBuilder out;
      synchronized (this) {
        if (pending.length() == 0) {
          return;
        }
        out = pending;
        pending = new StringBuilder();
      }
      writer.append(out);
      writer.flush();
    }
  }

  private void closeWriter() throws IOException {
    if (writer != null) {
      writer.flush();
      channel.force(true);
      writer.close();
      writer = null;
      channel = null;
    }
  }

  @Override
  public void close() throws IOException {
    synchronized (io) {
      flush();
      closeWriter();
    }
  }
}
