package dev.agenticchat.simulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Exact method-and-path dispatch; the JDK server only offers prefix contexts, which would let
 * {@code /v1/chat/completionsX} reach the chat endpoint.
 */
final class Router implements HttpHandler {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);

    @FunctionalInterface
    interface Endpoint {
        void handle(HttpExchange exchange) throws IOException, InterruptedException;
    }

    private final Map<String, Endpoint> endpoints = new HashMap<>();

    Router add(String method, String path, Endpoint endpoint) {
        endpoints.put(method + " " + path, endpoint);
        return this;
    }

    @Override
    public void handle(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        try {
            Endpoint endpoint = endpoints.get(exchange.getRequestMethod() + " " + path);
            if (endpoint != null) {
                endpoint.handle(exchange);
            } else if (endpoints.keySet().stream().anyMatch(key -> key.endsWith(" " + path))) {
                Responses.error(exchange, 405, "Method " + exchange.getRequestMethod() + " not allowed on " + path,
                        "method_not_allowed");
            } else {
                Responses.error(exchange, 404, "Unknown path " + path, "not_found");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            LOG.debug("Client went away during {} {}: {}", exchange.getRequestMethod(), path, e.toString());
        } catch (RuntimeException e) {
            LOG.warn("Unexpected failure handling {} {}", exchange.getRequestMethod(), path, e);
            answerServerError(exchange, e);
        } finally {
            exchange.close();
        }
    }

    private static void answerServerError(HttpExchange exchange, RuntimeException cause) {
        if (exchange.getResponseCode() != -1) {
            return;
        }
        try {
            Responses.error(exchange, 500, "Simulator failure: " + cause.getMessage(), null);
        } catch (IOException e) {
            LOG.debug("Could not report failure to client: {}", e.toString());
        }
    }
}
