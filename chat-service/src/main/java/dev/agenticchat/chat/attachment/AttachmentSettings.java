package dev.agenticchat.chat.attachment;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.core.convert.format.ReadableBytes;
import java.time.Duration;

/**
 * {@code chat.attachments.*}: what a user may upload and where the bytes go.
 *
 * @param maxBytes          the largest file (the server's request and multipart limits follow it)
 * @param maxImageBytes     the largest image: models take images in their request, so smaller
 * @param maxPendingPerUser uploads not yet attached to a message a user may hold at once
 * @param maxTextChars      a document's extracted text kept beyond this is cut ({@code truncated})
 * @param pendingTtl        an upload no message named by then is deleted
 * @param sweepInterval     how often expired uploads and deleted attachments' blobs are cleared
 * @param store             the blob store, as a URL: {@code postgres:}, {@code file:///dir},
 *                          {@code s3://bucket/prefix?endpoint=http://host:9000&region=us-east-1}
 * @param s3AccessKeyId     the S3 store's credentials
 */
@ConfigurationProperties("chat.attachments")
public record AttachmentSettings(@Bindable(defaultValue = "10MB") @ReadableBytes long maxBytes,
                                 @Bindable(defaultValue = "5MB") @ReadableBytes long maxImageBytes,
                                 @Bindable(defaultValue = "20") int maxPendingPerUser,
                                 @Bindable(defaultValue = "200000") int maxTextChars,
                                 @Bindable(defaultValue = "24h") Duration pendingTtl,
                                 @Bindable(defaultValue = "1m") Duration sweepInterval,
                                 @Bindable(defaultValue = "postgres:") String store,
                                 @Nullable String s3AccessKeyId,
                                 @Nullable String s3SecretAccessKey) {
}
