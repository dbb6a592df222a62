package dev.agenticchat.chat.export;

import java.io.InputStream;

/** A download of one thread: its bytes as they are written, their type and the file's name. */
record ThreadExport(InputStream body, String contentType, String filename) {
    boolean isHtml() {
        return contentType.startsWith("text/html");
    }
}
