package dev.agenticchat.chat.attachment;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Where attachments' bytes live, one implementation chosen by {@code chat.attachments.store}
 * ({@link BlobStoreFactory}). Keys are chosen by chat-service (random, no path characters beyond
 * {@code [a-z0-9-]}). Writes need not be transactional: {@link AttachmentService} records a key to
 * delete before it writes the blob and deletes blobs only after their row is gone for good
 * ({@link AttachmentSweeper}), so a store outside the database neither leaks nor loses bytes.
 */
public interface BlobStore {

    void put(String key, byte[] bytes, String contentType) throws IOException;

    /** The bytes, or empty when no blob has this key. The caller closes the stream. */
    Optional<InputStream> open(String key) throws IOException;

    /** Deletes the blob; a key with no blob is no error (deletions are retried). */
    void delete(String key) throws IOException;
}
