package dev.agentflow.shared.secrets;

import dev.agentflow.shared.keys.SecretValue;
import java.util.Optional;

/** Reads a platform secret by id (Secrets Manager in the cloud). */
public interface SecretReader {

    /** The secret's string value, or empty when the secret does not exist. */
    Optional<SecretValue> read(String secretId);
}
