package dev.agentflow.shared.keys;

import java.util.Objects;

/**
 * A secret (an API key) that does not print itself: {@link #toString()} is masked, so passing one to a
 * log line, an exception message or a record's toString cannot leak it. Read it with {@link #reveal()}
 * only where it is sent to its provider.
 */
public final class SecretValue {

    private final String value;

    private SecretValue(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** Wraps a plaintext secret. @throws IllegalArgumentException when blank */
    public static SecretValue of(String plaintext) {
        if (plaintext == null || plaintext.isBlank()) {
            throw new IllegalArgumentException("a secret must not be blank");
        }
        return new SecretValue(plaintext.trim());
    }

    /** The plaintext. Call only at the point of use; never log or store the result. */
    public String reveal() {
        return value;
    }

    /** The last four characters, for display ("…abcd"); empty for secrets under 12 characters. */
    public String hint() {
        return value.length() < 12 ? "" : value.substring(value.length() - 4);
    }

    /** Always masked. */
    @Override
    public String toString() {
        return "SecretValue[****]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SecretValue other && java.security.MessageDigest.isEqual(
                value.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                other.value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public int hashCode() {
        return 0;
    }
}
