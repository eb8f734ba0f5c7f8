package dev.agentflow.shared.signing;

import dev.agentflow.shared.keys.SecretValue;
import dev.agentflow.shared.secrets.SecretReader;

/**
 * The platform's signing master key (Secrets Manager secret {@code WEBHOOK_SIGNING_SECRET_ID}), read through a
 * cached {@link SecretReader}; with the workflow id and nonce it derives every workflow's signing secret.
 */
@FunctionalInterface
public interface MasterKey {

    /**
     * The key.
     *
     * @throws IllegalStateException when the secret is missing or empty
     */
    SecretValue get();

    /** The master key held by a secret. */
    static MasterKey from(SecretReader reader, String secretId) {
        return () -> reader.read(secretId).orElseThrow(() ->
                new IllegalStateException("The signing master key secret " + secretId + " is missing or empty"));
    }

    /** A master key whose source is built on first use, once (its clients cost a cold start nothing until needed). */
    static MasterKey lazy(java.util.function.Supplier<MasterKey> source) {
        return new MasterKey() {
            private volatile MasterKey delegate;

            @Override
            public SecretValue get() {
                MasterKey d = delegate;
                if (d == null) {
                    synchronized (this) {
                        d = delegate;
                        if (d == null) {
                            d = source.get();
                            delegate = d;
                        }
                    }
                }
                return d.get();
            }
        };
    }

    /**
     * A workflow's current signing secret.
     *
     * @param record the workflow's record
     */
    default SecretValue secretOf(SigningKeyRecord record) {
        return SigningSecrets.derive(get(), record.workflowId(), record.nonce());
    }
}
