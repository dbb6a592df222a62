package dev.agenticchat.gateway.ws;

import io.micronaut.core.annotation.Nullable;

/**
 * Why a client frame could not be read: the code, message and field of the {@code error}
 * frame the client gets instead of losing its connection.
 */
final class FrameError extends RuntimeException {
    private final String code;
    @Nullable
    private final String field;

    FrameError(String code, String message, @Nullable String field) {
        super(message, null, false, false);
        this.code = code;
        this.field = field;
    }

    /** A field that is missing, of the wrong kind or too long ({@code invalid_frame}). */
    static FrameError invalid(String field, String message) {
        return new FrameError(ServerFrame.Error.INVALID_FRAME, message, field);
    }

    String code() {
        return code;
    }

    @Nullable
    String field() {
        return field;
    }
}
