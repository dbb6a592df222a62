package dev.agenticchat.retrieval.ingestion;

/** The document itself is at fault (damaged, encrypted, no text): retrying cannot help. The message is for people. */
class UnreadableDocumentException extends Exception {
    UnreadableDocumentException(String message, Throwable cause) {
        super(message, cause);
    }

    UnreadableDocumentException(String message) {
        super(message);
    }
}
