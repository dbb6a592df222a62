package dev.agenticchat.agent.llm;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;

/**
 * Why a model call failed, classified from the exception langchain4j reports: whether a
 * retry can help, and a short description without prompts, bodies or stack traces.
 */
record ModelFailure(boolean retriable, String summary, String detail) {
    private static final int MAX_DETAIL = 300;

    static ModelFailure of(Throwable error) {
        String detail = truncate(error.getClass().getSimpleName() + ": " + error.getMessage());
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof HttpException http) {
                int status = http.statusCode();
                boolean retriable = status == 408 || status == 429 || status >= 500;
                return new ModelFailure(retriable, "HTTP " + status, truncate("HTTP " + status + ": " + http.getMessage()));
            }
            if (cause instanceof ConnectException) {
                return new ModelFailure(true, "connection refused", detail);
            }
            if (cause instanceof HttpTimeoutException || cause instanceof dev.langchain4j.exception.TimeoutException) {
                return new ModelFailure(true, "timed out", detail);
            }
            if (cause instanceof UnresolvedAddressException || cause instanceof UnknownHostException
                    || cause instanceof UnresolvedModelServerException) {
                return new ModelFailure(true, "unknown host", detail);
            }
            if (cause instanceof IOException) {
                return new ModelFailure(true, "connection error", detail);
            }
        }
        return new ModelFailure(false, error.getClass().getSimpleName(), detail);
    }

    /** For the user: what happened, and how hard we tried. */
    String userMessage(int attempts) {
        String tries = attempts == 1 ? "" : " after " + attempts + " attempts";
        if (summary.startsWith("HTTP ")) {
            return retriable
                    ? "The language model is unavailable: it answered " + summary + tries + "."
                    : "The language model refused the request (" + summary + ").";
        }
        return retriable
                ? "The language model could not be reached (" + summary + ")" + tries + "."
                : "The language model call failed (" + summary + ").";
    }

    private static String truncate(String text) {
        return text.length() <= MAX_DETAIL ? text : text.substring(0, MAX_DETAIL);
    }
}
