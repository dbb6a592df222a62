package dev.agenticchat.gateway.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * WebSocket sessions open on this instance and frames by direction and type. Frame types are
 * the protocol's own (a client frame is counted once it parsed, so a client cannot invent them).
 * Created with the context, so the sessions gauge is scraped before the first connection.
 */
@Context
public class WebSocketMetrics {
    private final MeterRegistry registry;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<String, Counter> in = new ConcurrentHashMap<>();
    private final Map<String, Counter> out = new ConcurrentHashMap<>();

    WebSocketMetrics(MeterRegistry registry) {
        this.registry = registry;
        Gauge.builder("agentic.websocket.sessions", open, AtomicInteger::get)
                .description("WebSocket connections open on this instance (admitted, authenticated or not yet)")
                .baseUnit("sessions")
                .register(registry);
    }

    public void opened() {
        open.incrementAndGet();
    }

    public void closed() {
        open.decrementAndGet();
    }

    public void frameIn(String type) {
        in.computeIfAbsent(type, t -> frames("in", t)).increment();
    }

    public void frameOut(String type) {
        out.computeIfAbsent(type, t -> frames("out", t)).increment();
    }

    private Counter frames(String direction, String type) {
        return Counter.builder("agentic.websocket.frames")
                .description("WebSocket frames received (in, once parsed) and queued to clients (out), by frame type")
                .baseUnit("frames")
                .tag("direction", direction)
                .tag("type", type)
                .register(registry);
    }
}
