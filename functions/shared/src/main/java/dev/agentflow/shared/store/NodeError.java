package dev.agentflow.shared.store;

/**
 * Why a node failed.
 *
 * @param code    the error code, e.g. {@code HTTP_REQUEST_FAILED}
 * @param message a sentence for the user; never a secret
 */
public record NodeError(String code, String message) {
}
