package dev.agenticchat.support.testing;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A free port to listen on later, chosen below Linux's ephemeral range (32768–60999). A port the
 * kernel hands out as {@code bind(0)} is also a port it hands to the next outgoing connection, so
 * one picked there and bound a moment later is sometimes already the local end of a Kafka or
 * Postgres connection ("Address already in use"). Ports listened on at once (a server's own port,
 * mail, a stand-in) keep {@code bind(0)}.
 */
public final class ListenPorts {
    static final int LOW = 20_000;
    static final int HIGH = 27_000;

    private ListenPorts() {
    }

    public static int free() {
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOW, HIGH);
            try (ServerSocket socket = new ServerSocket()) {
                socket.setReuseAddress(false);
                socket.bind(new InetSocketAddress(port));
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IllegalStateException("no free port in " + LOW + "–" + HIGH + " after 200 attempts");
    }
}
