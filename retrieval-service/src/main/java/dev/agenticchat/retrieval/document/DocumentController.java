package dev.agenticchat.retrieval.document;

import dev.agenticchat.retrieval.knowledgebase.KnowledgeBase;
import dev.agenticchat.retrieval.knowledgebase.KnowledgeBaseService;
import dev.agenticchat.support.paging.Page;
import dev.agenticchat.support.paging.PageCursor;
import dev.agenticchat.support.paging.PageLimit;
import dev.agenticchat.support.security.Caller;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.ProblemResponses;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Uploads (answered at once, ingested in the background), document lists, status and
 * deletion, with the rights of the document's knowledge base: a document of a knowledge base the
 * caller cannot see answers 404, changing a tenant one's is for tenant admins (403).
 */
@ProblemResponses
@Controller("/api")
@Secured(SecurityRule.IS_AUTHENTICATED)
@ExecuteOn(TaskExecutors.BLOCKING)
class DocumentController {
    private static final String LIST = "documents";

    private final KnowledgeBaseService knowledgeBases;
    private final DocumentService documents;
    private final DocumentTypeDetector detector;
    private final UploadLimits limits;

    DocumentController(KnowledgeBaseService knowledgeBases, DocumentService documents, DocumentTypeDetector detector,
                       UploadLimits limits) {
        this.knowledgeBases = knowledgeBases;
        this.documents = documents;
        this.detector = detector;
        this.limits = limits;
    }

    /**
     * 202 with the new pending document, or 200 with the stored one when the same content is
     * already there ({@code duplicate: true}); content whose ingestion failed is ingested again (202).
     */
    @Post(value = "/knowledge-bases/{id}/documents", consumes = MediaType.MULTIPART_FORM_DATA)
    HttpResponse<DocumentView> upload(UUID id, @Part("file") @Nullable CompletedFileUpload file, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        KnowledgeBase kb = knowledgeBases.changeable(caller, id);
        if (file == null) {
            throw ApiProblem.badRequest("file is required (multipart field \"file\")", "file");
        }
        byte[] bytes = bytes(file);
        if (bytes.length == 0) {
            throw ApiProblem.badRequest("file is empty", "file");
        }
        if (bytes.length > limits.maxUploadSize()) {
            throw limits.tooLarge();
        }
        String filename = filename(file.getFilename());
        DocumentType type = detector.detect(bytes, filename);
        String hash = sha256(bytes);
        Optional<Document> existing = documents.sameContent(kb, hash);
        if (existing.isPresent()) {
            Document doc = existing.get();
            Optional<Document> retried = Document.FAILED.equals(doc.status()) ? documents.retry(caller, doc) : Optional.empty();
            return retried.map(again -> accepted(again, true)).orElseGet(() -> HttpResponse.ok(DocumentView.of(doc, true)));
        }
        Document stored;
        try {
            stored = documents.store(caller, kb, filename, type, bytes, hash);
        } catch (DataAccessException e) {
            // The same content uploaded concurrently: the other upload won the unique (knowledge base, hash).
            return documents.sameContent(kb, hash).map(doc -> HttpResponse.ok(DocumentView.of(doc, true))).orElseThrow(() -> e);
        }
        return accepted(stored, false);
    }

    private static HttpResponse<DocumentView> accepted(Document doc, boolean duplicate) {
        return HttpResponse.<DocumentView>status(HttpStatus.ACCEPTED).body(DocumentView.of(doc, duplicate))
                .header("Location", URI.create("/api/documents/" + doc.id()).toString());
    }

    @Get("/knowledge-bases/{id}/documents")
    Page<DocumentView> list(UUID id, @QueryValue @Nullable String cursor, @QueryValue @Nullable Integer limit,
                            Authentication authentication) {
        KnowledgeBase kb = knowledgeBases.readable(Caller.of(authentication), id);
        int size = PageLimit.of(limit);
        return Page.of(LIST, documents.page(kb, Page.after(LIST, cursor), size + 1), size,
                doc -> new PageCursor(doc.createdAt(), doc.id()), DocumentView::of);
    }

    @Get("/documents/{id}")
    DocumentView get(UUID id, Authentication authentication) {
        return DocumentView.of(visible(Caller.of(authentication), id).doc());
    }

    /** The text that was chunked: search results' offsets point into it. A tenant knowledge base's, for its admins only. */
    @Get("/documents/{id}/text")
    @Produces(MediaType.TEXT_PLAIN + ";charset=utf-8")
    String text(UUID id, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        Visible visible = visible(caller, id);
        Document doc = visible.doc();
        if (!knowledgeBases.contentReadable(caller, visible.kb())) {
            caller.requireTenantAdmin("reading a tenant document's text");
        }
        return documents.extractedText(doc).orElseThrow(() -> new ApiProblem(HttpStatus.CONFLICT, "Not extracted yet",
                "document " + id + " is " + doc.status() + "; its text exists once it is indexed", List.of()));
    }

    @Delete("/documents/{id}")
    HttpResponse<Void> delete(UUID id, Authentication authentication) {
        Caller caller = Caller.of(authentication);
        Visible visible = visible(caller, id);
        knowledgeBases.requireChangeable(caller, visible.kb());
        documents.delete(visible.doc());
        return HttpResponse.noContent();
    }

    /** A document and its knowledge base, looked up once. */
    private record Visible(Document doc, KnowledgeBase kb) {
    }

    /** A document is visible exactly when its knowledge base is: a private one's only to its owner. */
    private Visible visible(Caller caller, UUID id) {
        return documents.find(caller, id)
                .flatMap(doc -> knowledgeBases.find(caller, doc.knowledgeBaseId()).map(kb -> new Visible(doc, kb)))
                .orElseThrow(() -> ApiProblem.notFound("document " + id));
    }

    private static byte[] bytes(CompletedFileUpload file) {
        try {
            return file.getBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The last path segment, without control characters; never empty. */
    private static String filename(@Nullable String name) {
        String base = name == null ? "" : name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1).replaceAll("\\p{Cntrl}", "").strip();
        if (base.length() > 255) {
            base = base.substring(base.length() - 255);
        }
        return base.isEmpty() ? "document" : base;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
