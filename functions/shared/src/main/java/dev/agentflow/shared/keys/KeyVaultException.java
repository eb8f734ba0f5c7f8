package dev.agentflow.shared.keys;

/** A stored API key could not be encrypted or decrypted. The message never contains the key. */
public final class KeyVaultException extends RuntimeException {

    /** @param message a sentence; never a secret */
    public KeyVaultException(String message, Throwable cause) {
        super(message, cause);
    }
}
