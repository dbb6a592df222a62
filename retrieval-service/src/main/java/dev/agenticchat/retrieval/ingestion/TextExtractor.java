package dev.agenticchat.retrieval.ingestion;

import dev.agenticchat.retrieval.document.DocumentType;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.encryption.InvalidPasswordException;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.xwpf.extractor.XWPFWordExtractor;
import org.apache.poi.xwpf.usermodel.XWPFDocument;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/**
 * Plain text of each accepted format: PDF page by page (PDFBox), DOCX (POI), HTML without
 * markup, scripts or styles (jsoup), the text formats as they are. Any failure of a parser is
 * the document's fault and becomes an {@link UnreadableDocumentException}.
 */
@Singleton
class TextExtractor {

    ExtractedText extract(DocumentType type, byte[] bytes) throws UnreadableDocumentException {
        ExtractedText extracted;
        try {
            extracted = switch (type) {
                case PDF -> pdf(bytes);
                case DOCX -> ExtractedText.unpaged(clean(docx(bytes)));
                case HTML -> ExtractedText.unpaged(clean(html(bytes)));
                case TXT, MARKDOWN, JSON, CSV -> ExtractedText.unpaged(clean(utf8(bytes)));
            };
        } catch (UnreadableDocumentException e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            throw new UnreadableDocumentException("The " + label(type) + " could not be read: it is damaged or not what its name says.", e);
        }
        if (extracted.isBlank()) {
            throw new UnreadableDocumentException("No text could be extracted from the " + label(type) + ".");
        }
        return extracted;
    }

    private static ExtractedText pdf(byte[] bytes) throws IOException, UnreadableDocumentException {
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            PDFTextStripper stripper = new PDFTextStripper();
            StringBuilder text = new StringBuilder();
            List<ExtractedText.Section> sections = new ArrayList<>();
            for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                String pageText = clean(stripper.getText(pdf)).strip();
                if (pageText.isEmpty()) {
                    continue;
                }
                if (!text.isEmpty()) {
                    text.append("\n\n");
                }
                int start = text.length();
                text.append(pageText);
                sections.add(new ExtractedText.Section(page, start, text.length()));
            }
            return new ExtractedText(text.toString(), sections);
        } catch (InvalidPasswordException e) {
            throw new UnreadableDocumentException("The PDF is password-protected.", e);
        }
    }

    private static String docx(byte[] bytes) throws IOException {
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes));
             XWPFWordExtractor extractor = new XWPFWordExtractor(doc)) {
            return extractor.getText();
        }
    }

    /** Text nodes in document order, a line break around every block element. */
    private static String html(byte[] bytes) throws IOException {
        Element body = Jsoup.parse(new ByteArrayInputStream(bytes), null, "").body();
        body.select("script, style, noscript, template").remove();
        StringBuilder text = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode textNode) {
                    text.append(textNode.text());
                } else if (node instanceof Element element && (element.isBlock() || element.nameIs("br"))) {
                    text.append('\n');
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && element.isBlock()) {
                    text.append('\n');
                }
            }
        }, body);
        return text.toString();
    }

    private static String utf8(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /** Unix line ends, no NUL (Postgres text cannot hold it), no runs of blank lines or trailing spaces. */
    static String clean(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n').replace("\u0000", "")
                .replaceAll("[ \\t\\x0B\\f]+\\n", "\n")
                .replaceAll("\\n{3,}", "\n\n")
                .strip();
    }

    private static String label(DocumentType type) {
        return switch (type) {
            case PDF -> "PDF";
            case DOCX -> "Word document";
            case HTML -> "HTML page";
            case TXT, MARKDOWN, JSON, CSV -> "text file";
        };
    }
}
