package dev.agenticchat.gateway.ws;

/** UTF-8 sizes without encoding: what a frame costs on the wire and in the socket's queue. */
final class Utf8 {
    private Utf8() {
    }

    static long length(CharSequence text) {
        long bytes = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else if (Character.isSurrogate(c)) {
                // A lone surrogate is written as '?', as the JDK's and Netty's encoders do.
                bytes += 1;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
