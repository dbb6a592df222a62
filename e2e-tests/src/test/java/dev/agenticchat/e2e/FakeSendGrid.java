package dev.agenticchat.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP server speaking SendGrid's v3 {@code POST /v3/mail/send}: accepts (202) and keeps each mail. */
final class FakeSendGrid implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final List<JsonNode> mails = new CopyOnWriteArrayList<>();

    FakeSendGrid() {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/v3/mail/send", exchange -> {
            boolean authorized = "Bearer SG.e2e-key".equals(exchange.getRequestHeaders().getFirst("Authorization"));
            if (authorized) {
                mails.add(JSON.readTree(exchange.getRequestBody().readAllBytes()));
            }
            exchange.sendResponseHeaders(authorized ? 202 : 401, -1);
            exchange.close();
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Plain-text bodies of the mails sent to this address, oldest first. */
    List<String> textsTo(String email) {
        return mails.stream()
                .filter(mail -> mail.path("personalizations").toString().contains(email))
                .map(mail -> {
                    for (JsonNode content : mail.path("content")) {
                        if ("text/plain".equals(content.path("type").asText())) {
                            return content.path("value").asText();
                        }
                    }
                    return "";
                }).toList();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
