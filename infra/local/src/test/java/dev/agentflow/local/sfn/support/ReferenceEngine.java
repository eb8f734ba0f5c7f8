package dev.agentflow.local.sfn.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The reference implementation, the npm package {@code aws-local-stepfunctions@3.0.0}, installed on demand into
 * {@code target/sfn-reference} (kept between runs) and run through small node scripts that use its library API.
 * On Node older than 22 a {@code Promise.withResolvers} polyfill is preloaded. {@link #prepare()} throws
 * {@link Unavailable} (with the reason) when node, npm or the registry cannot be reached.
 */
public final class ReferenceEngine {

  /** The reference cannot be used here. */
  public static final class Unavailable extends Exception {
    private static final long serialVersionUID = 1L;

    public Unavailable(String reason) {
      super(reason);
    }
  }

  /** Output of a finished node process. */
  public record Result(int exitCode, String stdout, String stderr) {}

  static final String PACKAGE = "aws-local-stepfunctions@3.0.0";
  private static final String POLYFILL = """
      if (typeof Promise.withResolvers !== 'function') {
        Promise.withResolvers = function () {
          let resolve, reject;
          const promise = new Promise((res, rej) => { resolve = res; reject = rej; });
          return { promise, resolve, reject };
        };
      }
      """;

  private final Path dir;
  private final int nodeMajor;

  private ReferenceEngine(Path dir, int nodeMajor) {
    this.dir = dir;
    this.nodeMajor = nodeMajor;
  }

  /** @return the directory with node_modules and the scripts */
  public Path dir() {
    return dir;
  }

  /**
   * Finds node and npm, installs the package if it is not there yet, and copies the runner scripts.
   *
   * @throws Unavailable if that is not possible here (no node/npm, old node, registry unreachable)
   */
  public static ReferenceEngine prepare() throws Unavailable {
    Path dir = targetDir().resolve("sfn-reference");
    String version = run(List.of("node", "--version"), dir.getParent(), 20).stdout().strip();
    int major;
    try {
      major = Integer.parseInt(version.replaceFirst("^v", "").split("\\.")[0]);
    } catch (NumberFormatException e) {
      throw new Unavailable("cannot read the node version from '" + version + "'");
    }
    if (major < 18) {
      throw new Unavailable("node " + version + " is too old (aws-local-stepfunctions needs 18+ with a polyfill)");
    }
    try {
      Files.createDirectories(dir);
      if (!Files.exists(dir.resolve("node_modules/aws-local-stepfunctions/package.json"))) {
        Result r = run(List.of("npm", "install", "--prefix", dir.toString(), "--no-audit", "--no-fund",
            "--loglevel=error", PACKAGE), dir, 300);
        if (r.exitCode() != 0) {
          throw new Unavailable("npm install " + PACKAGE + " failed (exit " + r.exitCode() + "): "
              + tail(r.stderr() + r.stdout()));
        }
      }
      Files.writeString(dir.resolve("polyfill.cjs"), POLYFILL);
      for (String script : List.of("run-cases.mjs", "bench.mjs")) {
        try (InputStream in = ReferenceEngine.class.getResourceAsStream("/sfn-reference/" + script)) {
          if (in != null) {
            Files.copy(in, dir.resolve(script), StandardCopyOption.REPLACE_EXISTING);
          }
        }
      }
    } catch (IOException e) {
      throw new Unavailable("cannot prepare " + dir + ": " + e);
    }
    return new ReferenceEngine(dir, major);
  }

  /**
   * Runs {@code node <script> <args>} in the reference directory.
   *
   * @param timeoutSeconds how long to let it run
   * @return the finished process's output
   * @throws Unavailable if node cannot be started or does not finish in time
   */
  public Result node(String script, int timeoutSeconds, String... args) throws Unavailable {
    List<String> cmd = new ArrayList<>(List.of("node"));
    if (nodeMajor < 22) {
      cmd.add("--require=" + dir.resolve("polyfill.cjs"));
    }
    cmd.add(dir.resolve(script).toString());
    cmd.addAll(List.of(args));
    return run(cmd, dir, timeoutSeconds);
  }

  private static Result run(List<String> command, Path workDir, int timeoutSeconds) throws Unavailable {
    try {
      Files.createDirectories(workDir);
      Path out = Files.createTempFile("sfn-ref", ".out");
      Path err = Files.createTempFile("sfn-ref", ".err");
      try {
        Process p = new ProcessBuilder(command).directory(workDir.toFile())
            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
          p.destroyForcibly();
          throw new Unavailable(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
            Files.readString(err, StandardCharsets.UTF_8));
      } finally {
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
      }
    } catch (IOException e) {
      throw new Unavailable("cannot run " + command.get(0) + ": " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unavailable("interrupted while running " + command.get(0));
    }
  }

  private static String tail(String s) {
    String t = s.strip();
    return t.length() > 600 ? "..." + t.substring(t.length() - 600) : t;
  }

  /** @return the module's target directory (parent of target/test-classes) */
  static Path targetDir() {
    try {
      Path classes = Path.of(ReferenceEngine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return classes.getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** @throws UncheckedIOException never for existing dirs; helper for callers writing files */
  public Path file(String name) {
    return dir.resolve(name);
  }
}
