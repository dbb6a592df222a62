package dev.agenticchat.notification.email;

/** A mail request that can never be rendered: unknown template, missing or malformed parameters. */
class InvalidMailRequest extends RuntimeException {
    InvalidMailRequest(String message) {
        super(message);
    }
}
