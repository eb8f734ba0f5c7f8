package dev.agentflow.local.edge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * One JSON document on disk for a small stand-in service's state (KMS keys, secrets): read at start-up,
 * rewritten whole after each change (write a temporary file, then rename it over the old one, so a crash never
 * leaves half a file). Owner-only permissions where the file system has them, since these files hold key
 * material and secret values. A {@code null} path keeps nothing (in-memory mode).
 */
public final class JsonFileStore {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Path file;

  /** @param file the document, or {@code null} for none */
  public JsonFileStore(Path file) {
    this.file = file;
  }

  /**
   * @return the stored document, or {@code null} when there is none yet (or in memory)
   * @throws IOException when the file exists but cannot be read as JSON
   */
  public JsonNode load() throws IOException {
    if (file == null || !Files.exists(file)) {
      return null;
    }
    return JSON.readTree(file.toFile());
  }

  /**
   * Replaces the stored document (nothing in memory mode).
   *
   * @throws UncheckedIOException when it cannot be written
   */
  public void save(JsonNode document) {
    if (file == null) {
      return;
    }
    try {
      Files.createDirectories(file.getParent());
      Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
      Files.write(temporary, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(document));
      ownerOnly(temporary);
      try {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  private static void ownerOnly(Path path) throws IOException {
    try {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: the file keeps the directory's default permissions
    }
  }
}
