package dev.agenticchat.retrieval.ingestion;

import dev.agenticchat.retrieval.document.DocumentType;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.contentstream.operator.Operator;
import org.apache.pdfbox.cos.COSBase;
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
 * the document's fault and becomes an {@link UnreadableDocumentException}, and so does a
 * document over the {@link ExtractionLimits}: inflated bytes are counted before POI or PDFBox
 * hold them, characters and the clock as the text is written.
 */
@Singleton
class TextExtractor {
    private final ExtractionLimits limits;

    TextExtractor(ExtractionLimits limits) {
        this.limits = limits;
    }

    ExtractedText extract(DocumentType type, byte[] bytes) throws UnreadableDocumentException {
        ExtractionBudget budget = new ExtractionBudget(limits);
        ExtractedText extracted;
        try {
            extracted = switch (type) {
                case PDF -> pdf(bytes, budget);
                case DOCX -> ExtractedText.unpaged(clean(docx(bytes, budget)));
                case HTML -> ExtractedText.unpaged(clean(html(bytes, budget)));
                case TXT, MARKDOWN, JSON, CSV -> ExtractedText.unpaged(clean(utf8(bytes, budget)));
            };
        } catch (UnreadableDocumentException e) {
            throw e;
        } catch (Exception | StackOverflowError e) {
            ExtractionBudget.LimitExceeded limit = limitIn(e);
            if (limit != null) {
                throw new UnreadableDocumentException(limit.getMessage(), e);
            }
            throw new UnreadableDocumentException("The " + label(type) + " could not be read: it is damaged or not what its name says.", e);
        }
        if (extracted.isBlank()) {
            throw new UnreadableDocumentException("No text could be extracted from the " + label(type) + ".");
        }
        return extracted;
    }

    private static ExtractionBudget.LimitExceeded limitIn(Throwable error) {
        for (Throwable t = error; t != null && t.getCause() != t; t = t.getCause()) {
            if (t instanceof ExtractionBudget.LimitExceeded limit) {
                return limit;
            }
        }
        return null;
    }

    private static ExtractedText pdf(byte[] bytes, ExtractionBudget budget) throws IOException, UnreadableDocumentException {
        try (PDDocument pdf = Loader.loadPDF(bytes)) {
            InflationCheck.pdf(pdf.getDocument(), budget);
            PDFTextStripper stripper = new BoundedTextStripper(budget);
            StringBuilder text = new StringBuilder();
            List<ExtractedText.Section> sections = new ArrayList<>();
            for (int page = 1; page <= pdf.getNumberOfPages(); page++) {
                stripper.setStartPage(page);
                stripper.setEndPage(page);
                BoundedWriter pageWriter = new BoundedWriter(text.length(), budget);
                stripper.writeText(pdf, pageWriter);
                String pageText = clean(pageWriter.toString()).strip();
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
            return new ExtractedText(text.toString(), sections, pdf.getNumberOfPages());
        } catch (InvalidPasswordException e) {
            throw new UnreadableDocumentException("The PDF is password-protected.", e);
        }
    }

    /** Looks at the clock before every content-stream operator: a page can loop through forms without writing a character. */
    private static final class BoundedTextStripper extends PDFTextStripper {
        private final ExtractionBudget budget;

        BoundedTextStripper(ExtractionBudget budget) {
            this.budget = budget;
        }

        @Override
        protected void processOperator(Operator operator, List<COSBase> operands) throws IOException {
            budget.checkTime();
            super.processOperator(operator, operands);
        }
    }

    /** Collects a page's text, stopping once the document's text so far would pass the character limit. */
    private static final class BoundedWriter extends Writer {
        private final StringBuilder text = new StringBuilder();
        private final int before;
        private final ExtractionBudget budget;

        BoundedWriter(int before, ExtractionBudget budget) {
            this.before = before;
            this.budget = budget;
        }

        @Override
        public void write(char[] chars, int off, int len) {
            budget.characters((long) before + text.length() + len);
            text.append(chars, off, len);
        }

        @Override
        public void write(String string, int off, int len) {
            budget.characters((long) before + text.length() + len);
            text.append(string, off, off + len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }

        @Override
        public String toString() {
            return text.toString();
        }
    }

    private static String docx(byte[] bytes, ExtractionBudget budget) throws IOException {
        InflationCheck.zip(bytes, budget);
        try (XWPFDocument doc = new XWPFDocument(new ByteArrayInputStream(bytes));
             XWPFWordExtractor extractor = new XWPFWordExtractor(doc)) {
            String text = extractor.getText();
            budget.characters(text.length());
            return text;
        }
    }

    /** Text nodes in document order, a line break around every block element. */
    private static String html(byte[] bytes, ExtractionBudget budget) throws IOException {
        Element body = Jsoup.parse(new ByteArrayInputStream(bytes), null, "").body();
        budget.checkTime();
        body.select("script, style, noscript, template").remove();
        StringBuilder text = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode textNode) {
                    text.append(textNode.text());
                    budget.characters(text.length());
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

    private static String utf8(byte[] bytes, ExtractionBudget budget) {
        String text = new String(bytes, StandardCharsets.UTF_8);
        budget.characters(text.length());
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * Unix line ends, no NUL (Postgres text cannot hold it), no runs of blank lines or trailing
     * spaces. One pass by hand: the regular expression for trailing spaces went back over every
     * space of a long run that no line end follows, quadratic on a line of megabytes.
     */
    static String clean(String text) {
        StringBuilder out = new StringBuilder(text.length());
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                if (i + 1 < n && text.charAt(i + 1) == '\n') {
                    continue;
                }
                c = '\n';
            }
            if (c == '\u0000') {
                continue;
            }
            if (c != '\n') {
                out.append(c);
                continue;
            }
            int end = out.length();
            while (end > 0 && isLineSpace(out.charAt(end - 1))) {
                end--;
            }
            out.setLength(end);
            if (end < 2 || out.charAt(end - 1) != '\n' || out.charAt(end - 2) != '\n') {
                out.append('\n');
            }
        }
        return out.toString().strip();
    }

    private static boolean isLineSpace(char c) {
        return c == ' ' || c == '\t' || c == '\u000B' || c == '\f';
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
