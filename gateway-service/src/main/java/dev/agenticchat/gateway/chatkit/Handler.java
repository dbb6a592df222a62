package dev.agenticchat.gateway.chatkit;

import io.micronaut.http.MutableHttpResponse;
import java.util.concurrent.CompletableFuture;

/** What answers one ChatKit request type; a {@link Refusal} thrown (or completing it) refuses the request. */
@FunctionalInterface
interface Handler {
    CompletableFuture<MutableHttpResponse<?>> handle(Call call);
}
