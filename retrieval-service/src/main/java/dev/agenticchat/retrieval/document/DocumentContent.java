package dev.agenticchat.retrieval.document;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.UUID;

/** The uploaded bytes, kept apart from {@link Document} so lists never load them; the extracted text once ingested. */
@MappedEntity("document_contents")
public record DocumentContent(@Id UUID documentId, byte[] bytes, @Nullable String extractedText) {
}
