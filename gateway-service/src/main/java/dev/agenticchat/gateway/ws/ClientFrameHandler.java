package dev.agenticchat.gateway.ws;

import java.util.concurrent.CompletableFuture;

/**
 * What is done with one kind of client frame. {@link ClientProtocol} finds the handler by
 * the frame's record class; the future completes once the frame is answered, so that the
 * session's next frame waits for it.
 */
interface ClientFrameHandler<F extends ClientFrame> {
    Class<F> frameType();

    CompletableFuture<Void> handle(ClientSession session, F frame);
}
