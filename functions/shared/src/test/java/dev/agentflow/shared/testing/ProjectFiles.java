package dev.agentflow.shared.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds files of the repository from a module's test working directory. */
public final class ProjectFiles {

    private ProjectFiles() {
    }

    /** The repository root: the nearest ancestor holding template.yaml and functions/. */
    public static Path root() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            if (Files.isRegularFile(dir.resolve("template.yaml")) && Files.isDirectory(dir.resolve("functions"))) {
                return dir;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("repository root (with template.yaml) not found above " + Path.of("").toAbsolutePath());
    }

    /** A path relative to the repository root. */
    public static Path resolve(String relative) {
        return root().resolve(relative);
    }
}
