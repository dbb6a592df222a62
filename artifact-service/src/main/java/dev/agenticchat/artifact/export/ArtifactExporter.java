package dev.agenticchat.artifact.export;

import dev.agenticchat.artifact.artifact.Artifact;
import dev.agenticchat.artifact.render.ArtifactPage;
import dev.agenticchat.support.web.ApiProblem;
import dev.agenticchat.support.web.Problem;
import io.micronaut.http.HttpStatus;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Renders an artifact version in a format: json and html and pdf for every type, csv for the
 * tabular ones, md for the text-like ones. Asking for another is a 400 that lists the type's formats.
 */
@Singleton
class ArtifactExporter {
    private final ArtifactPage page;
    private final PdfRenders pdf;
    private final JsonMapper json;

    ArtifactExporter(ArtifactPage page, PdfRenders pdf, JsonMapper json) {
        this.page = page;
        this.pdf = pdf;
        this.json = json;
    }

    static List<ExportFormat> formats(String type) {
        return Arrays.stream(ExportFormat.values()).filter(format -> switch (format) {
            case JSON, HTML, PDF -> true;
            case CSV -> Tabular.supports(type);
            case MD -> Markdown.supports(type);
        }).toList();
    }

    /** The format the parameter names, if the type has it. */
    static ExportFormat format(String type, String requested) {
        List<ExportFormat> formats = formats(type);
        String listed = formats.stream().map(ExportFormat::extension).collect(Collectors.joining(", "));
        if (requested == null || requested.isBlank()) {
            throw unsupported("format is required; a " + type + " artifact exports as " + listed, listed);
        }
        return ExportFormat.of(requested).filter(formats::contains).orElseThrow(() -> unsupported(
                "format \"" + requested + "\" is not available for a " + type + " artifact; its formats are " + listed,
                listed));
    }

    ExportFile export(Artifact artifact, int version, Map<String, Object> content, ExportFormat format) {
        String title = String.valueOf(content.get("title"));
        String filename = Slugs.of(title) + "-v" + version + "." + format.extension();
        byte[] bytes = switch (format) {
            case JSON -> jsonOf(content);
            case CSV -> {
                Tabular table = Tabular.of(artifact.type(), content).orElseThrow();
                yield utf8(Csv.write(table.headers(), table.rows()));
            }
            case MD -> utf8(Markdown.of(artifact.type(), content));
            case HTML -> utf8(page.render(artifact.type(), title, version, content));
            case PDF -> pdf.render(page.render(artifact.type(), title, version, content));
        };
        return new ExportFile(bytes, format.contentType(), filename);
    }

    private byte[] jsonOf(Map<String, Object> content) {
        try {
            return json.writeValueAsBytes(content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static ApiProblem unsupported(String detail, String listed) {
        return new ApiProblem(HttpStatus.BAD_REQUEST, "Bad request", detail,
                List.of(new Problem.FieldError("format", "must be one of " + listed)));
    }
}
