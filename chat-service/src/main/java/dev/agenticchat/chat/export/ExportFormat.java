package dev.agenticchat.chat.export;

import dev.agenticchat.support.web.ApiProblem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;

/** The formats a thread can be downloaded in: the {@code format} parameter is also the file extension. */
enum ExportFormat {
    JSON("application/json", JsonTranscript::new),
    CSV("text/csv; charset=utf-8; header=present", CsvTranscript::new),
    MD("text/markdown; charset=utf-8", json -> new MarkdownTranscript()),
    HTML("text/html; charset=utf-8", json -> new HtmlTranscript());

    static final String FIELD = "format";

    private final String contentType;
    private final Function<JsonMapper, Transcript> transcript;

    ExportFormat(String contentType, Function<JsonMapper, Transcript> transcript) {
        this.contentType = contentType;
        this.transcript = transcript;
    }

    String contentType() {
        return contentType;
    }

    String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    Transcript newTranscript(JsonMapper json) {
        return transcript.apply(json);
    }

    /** No format is JSON; an unknown one is a 400 naming {@code format}. */
    static ExportFormat of(@Nullable String name) {
        if (name == null || name.isBlank()) {
            return JSON;
        }
        return Arrays.stream(values()).filter(format -> format.extension().equals(name)).findFirst()
                .orElseThrow(() -> ApiProblem.badRequest("must be one of json, csv, md, html", FIELD));
    }
}
