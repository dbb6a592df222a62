package dev.agenticchat.chat.attachment;

import dev.agenticchat.contracts.events.MessagePosted;
import dev.agenticchat.support.identity.MergedUsers;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.Problem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Files users attach to their messages: uploaded first (type from the bytes, limits, a document's
 * text extracted once by retrieval-service and kept), then named by a message, which links them
 * in its own transaction. Only the uploader (a service on their behalf, the person a session was
 * linked to) sees an attachment; anyone else gets 404.
 *
 * <p>Blobs and rows are kept consistent without a transaction spanning the store: an upload queues
 * its blob key for deletion (due after {@link #UPLOAD_GRACE}) and commits that first, writes the
 * blob, then inserts the row and unqueues the key in one transaction; a crash or failure anywhere
 * leaves the key queued and the sweeper deletes the orphan. Every deleted row queues its key in its
 * own transaction (a trigger on the table), and blobs are deleted only after that commits
 * ({@link AttachmentSweeper}): nothing is deleted that a rollback would need, nothing is left behind.
 */
@Singleton
public class AttachmentService {
    private static final Logger LOG = LoggerFactory.getLogger(AttachmentService.class);
    public static final String FIELD = "attachment_ids";
    public static final int MAX_PER_MESSAGE = 10;
    /** Longer than any upload takes (the extraction's read timeout included) before its row commits. */
    static final Duration UPLOAD_GRACE = Duration.ofHours(1);
    private static final String PENDING_LOCK = "SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.attachments'), hashtext(? || ' ' || ?))";

    private final AttachmentRepository repository;
    private final BlobStore blobs;
    private final ExtractionClient extraction;
    private final AttachmentSettings settings;
    private final MergedUsers merged;
    private final TransactionOperations<Connection> transactions;
    private final JdbcOperations jdbc;

    AttachmentService(AttachmentRepository repository, BlobStore blobs, ExtractionClient extraction, AttachmentSettings settings,
                      MergedUsers merged, TransactionOperations<Connection> transactions, JdbcOperations jdbc) {
        this.repository = repository;
        this.blobs = blobs;
        this.extraction = extraction;
        this.settings = settings;
        this.merged = merged;
        this.transactions = transactions;
        this.jdbc = jdbc;
    }

    /** What {@code GET /api/attachments/{id}/content} serves. */
    record Content(Attachment attachment, InputStream bytes) {
    }

    /** 413 over a limit, 415 not an accepted type, 422 unreadable, 429 too many pending, 503 retrieval unavailable. */
    AttachmentView upload(Caller uploader, String name, byte[] bytes) {
        if (bytes.length == 0) {
            throw ApiProblem.badRequest("file is empty", AttachmentProblems.FIELD);
        }
        if (bytes.length > settings.maxBytes()) {
            throw AttachmentProblems.tooLarge("file", settings.maxBytes());
        }
        transactions.executeRead(status -> requireRoomForOneMore(merged.owner(uploader)));
        Optional<String> image = ImageTypes.detect(bytes);
        String kind;
        String contentType;
        String text = null;
        boolean truncated = false;
        if (image.isPresent()) {
            if (bytes.length > settings.maxImageBytes()) {
                throw AttachmentProblems.tooLarge("the image", settings.maxImageBytes());
            }
            kind = MessagePosted.Attachment.IMAGE;
            contentType = image.get();
        } else {
            ExtractionClient.Extraction extracted = extraction.extract(uploader, bytes, name);
            kind = MessagePosted.Attachment.DOCUMENT;
            contentType = extracted.contentType();
            text = cut(extracted.text(), settings.maxTextChars());
            truncated = text.length() < extracted.text().length();
        }
        String blobKey = UUID.randomUUID().toString();
        transactions.executeWrite(status -> {
            repository.queueBlobDeletion(blobKey, Instant.now().plus(UPLOAD_GRACE));
            return null;
        });
        try {
            blobs.put(blobKey, bytes, contentType);
        } catch (IOException e) {
            throw new UncheckedIOException("the attachment's bytes could not be stored", e);
        }
        String storedText = text;
        boolean cut = truncated;
        Attachment attachment = transactions.executeWrite(status -> {
            Caller owner = merged.owner(uploader);
            lockPending(owner);
            requireRoomForOneMore(owner);
            Attachment row = new Attachment(UUID.randomUUID(), owner.tenantId(), owner.userId(), name, contentType, kind,
                    bytes.length, blobKey, null, null, now());
            repository.insert(row, storedText, cut);
            repository.unqueueBlobDeletion(blobKey);
            return row;
        });
        return AttachmentView.of(attachment);
    }

    @Transactional(readOnly = true)
    AttachmentView get(Caller reader, UUID id) {
        return AttachmentView.of(readable(reader, id));
    }

    /** The bytes, from the store; the caller closes the stream. */
    Content content(Caller reader, UUID id) {
        Attachment attachment = transactions.executeRead(status -> readable(reader, id));
        try {
            InputStream bytes = blobs.open(attachment.blobKey()).orElseThrow(() -> {
                LOG.error("attachment {} has no blob {}", attachment.id(), attachment.blobKey());
                return ApiProblem.notFound("attachment " + id);
            });
            return new Content(attachment, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("the attachment's bytes could not be read", e);
        }
    }

    /** A document's text as extracted at upload (409 for an image, which has none). */
    @Transactional(readOnly = true)
    AttachmentText text(Caller reader, UUID id) {
        Attachment attachment = readable(reader, id);
        if (attachment.isImage()) {
            throw new ApiProblem(HttpStatus.CONFLICT, "No text", "attachment " + id + " is an image; only documents have text",
                    List.of());
        }
        Map.Entry<String, Boolean> text = repository.text(id).orElseThrow(() -> ApiProblem.notFound("attachment " + id));
        return new AttachmentText(text.getKey(), text.getValue());
    }

    /** Deletes the attachment (from its message too, if one named it); its blob goes once this commits. */
    @Transactional
    void delete(Caller owner, UUID id) {
        Attachment attachment = readable(owner, id);
        repository.delete(attachment.id());
    }

    /**
     * Links the attachments a new message names to it and its thread, in the message's transaction
     * (which has resolved {@code author} through {@link MergedUsers}): each must be the author's and
     * on no other message, else a 422 naming {@code attachment_ids[i]} rolls the message back.
     * Their rows stay locked until the message commits, so two messages cannot both take one.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public List<AttachedFile> attach(Caller author, UUID threadId, UUID messageId, List<String> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        List<UUID> parsed = ids.stream().map(AttachmentService::parse).toList();
        Map<UUID, Attachment> owned = new HashMap<>();
        for (Attachment attachment : repository.lockOwned(parsed.stream().filter(Objects::nonNull).toList(),
                author.tenantId(), author.userId())) {
            owned.put(attachment.id(), attachment);
        }
        List<AttachedFile> files = new ArrayList<>(parsed.size());
        for (int i = 0; i < parsed.size(); i++) {
            Attachment attachment = parsed.get(i) == null ? null : owned.get(parsed.get(i));
            if (attachment == null) {
                throw unusable(i, "no attachment " + ids.get(i) + " exists for you");
            }
            if (parsed.subList(0, i).contains(attachment.id())) {
                throw unusable(i, "attachment " + ids.get(i) + " is named twice");
            }
            if (attachment.messageId() != null) {
                throw unusable(i, "attachment " + ids.get(i) + " is already on another message");
            }
            repository.link(attachment.id(), threadId, messageId, i);
            files.add(attachment.file());
        }
        return files;
    }

    /** The files of each message, in order; a message without any is absent from the map. */
    @Transactional(readOnly = true)
    public Map<UUID, List<AttachedFile>> filesOf(List<UUID> messageIds) {
        return repository.filesOf(messageIds);
    }

    private Attachment readable(Caller reader, UUID id) {
        return repository.findReadable(id, reader.tenantId(), reader.readsAs())
                .orElseThrow(() -> ApiProblem.notFound("attachment " + id));
    }

    /** Serialises one user's uploads' final check, so that two cannot both take the last free place. */
    private void lockPending(Caller owner) {
        jdbc.prepareStatement(PENDING_LOCK, statement -> {
            statement.setString(1, owner.tenantId());
            statement.setString(2, owner.userId());
            return statement.execute();
        });
    }

    private Void requireRoomForOneMore(Caller owner) {
        int pending = repository.countPending(owner.tenantId(), owner.userId());
        if (pending >= settings.maxPendingPerUser()) {
            throw new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "Too many pending attachments",
                    "you have " + pending + " attachments no message has used yet, the most one may hold ("
                            + settings.maxPendingPerUser() + "); send them with a message or delete some first", List.of());
        }
        return null;
    }

    /** Null for what is no attachment id at all: refused in its turn, like an id of someone else's. */
    @Nullable
    private static UUID parse(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static ApiProblem unusable(int index, String detail) {
        return new ApiProblem(HttpStatus.UNPROCESSABLE_ENTITY, "Unusable attachment", detail,
                List.of(new Problem.FieldError(FIELD + "[" + index + "]", detail)));
    }

    /** At most {@code max} characters, never splitting a surrogate pair. */
    static String cut(String text, int max) {
        if (text.length() <= max) {
            return text;
        }
        int end = max > 0 && Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        return text.substring(0, end);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
