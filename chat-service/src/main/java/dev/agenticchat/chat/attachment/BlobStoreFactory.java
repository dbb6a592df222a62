package dev.agenticchat.chat.attachment;

import io.micronaut.context.annotation.Factory;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;

/** The one {@link BlobStore}, chosen by the scheme of {@code chat.attachments.store} ({@code CHAT_ATTACHMENTS_STORE}). */
@Factory
class BlobStoreFactory {

    @Singleton
    BlobStore blobStore(AttachmentSettings settings, JdbcOperations jdbc, TransactionOperations<Connection> transactions) {
        String store = settings.store().strip();
        if (store.equals("postgres:") || store.equals("postgres")) {
            return new PostgresBlobStore(jdbc, transactions);
        }
        URI url = URI.create(store);
        String scheme = url.getScheme() == null ? "" : url.getScheme();
        return switch (scheme) {
            case "file" -> new FilesystemBlobStore(Path.of(url));
            case "s3" -> S3BlobStore.of(url, settings.s3AccessKeyId(), settings.s3SecretAccessKey());
            default -> throw new IllegalStateException("chat.attachments.store must be postgres:, file:///<dir> or "
                    + "s3://<bucket>/<prefix>?endpoint=…&region=…, not " + settings.store());
        };
    }
}
