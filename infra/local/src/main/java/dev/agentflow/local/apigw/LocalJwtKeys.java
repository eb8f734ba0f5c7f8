package dev.agentflow.local.apigw;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;

/**
 * Where the local token key lives, so that {@code ./agentflow token} and a running {@code ./agentflow up}
 * agree: {@code AGENTFLOW_JWT_SECRET} (base64, at least 32 bytes) when set, else
 * {@code <data-dir>/jwt-secret}, created with 32 random bytes (owner-only permissions) on first use.
 * Issuer and audience come from {@code AGENTFLOW_JWT_ISSUER} / {@code AGENTFLOW_JWT_AUDIENCE} or the defaults.
 */
public final class LocalJwtKeys {

    /** Environment variable holding a base64 key. */
    public static final String SECRET_VARIABLE = "AGENTFLOW_JWT_SECRET";
    /** File name under the data directory. */
    public static final String FILE = "jwt-secret";

    private LocalJwtKeys() {
    }

    /**
     * The token authority for a data directory.
     *
     * @param dataDirectory the local cloud's data directory (e.g. {@code ~/.agentflow/local})
     * @param env           the environment
     * @throws IOException when the key file cannot be read or created
     */
    public static LocalJwt load(Path dataDirectory, Map<String, String> env) throws IOException {
        String issuer = env.getOrDefault("AGENTFLOW_JWT_ISSUER", LocalJwt.DEFAULT_ISSUER);
        String audience = env.getOrDefault("AGENTFLOW_JWT_AUDIENCE", LocalJwt.DEFAULT_AUDIENCE);
        return new LocalJwt(issuer, audience, secret(dataDirectory, env), Clock.systemUTC());
    }

    private static byte[] secret(Path dataDirectory, Map<String, String> env) throws IOException {
        String fromEnv = env.get(SECRET_VARIABLE);
        if (fromEnv != null && !fromEnv.isBlank()) {
            try {
                return Base64.getDecoder().decode(fromEnv.trim());
            } catch (IllegalArgumentException e) {
                throw new IOException(SECRET_VARIABLE + " is not base64", e);
            }
        }
        Path file = dataDirectory.resolve(FILE);
        if (!Files.exists(file)) {
            Files.createDirectories(dataDirectory);
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            try {
                Files.writeString(file, Base64.getEncoder().encodeToString(key), StandardCharsets.US_ASCII,
                        java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
                try {
                    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the file keeps the directory's default permissions
                }
            } catch (FileAlreadyExistsException e) {
                // another process created it first: read theirs
            }
        }
        try {
            return Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).trim());
        } catch (IllegalArgumentException e) {
            throw new IOException(file + " does not hold a base64 key", e);
        }
    }
}
