package dev.agenticchat.retrieval.ingestion;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSBase;
import org.apache.pdfbox.cos.COSDocument;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSObjectKey;
import org.apache.pdfbox.cos.COSStream;
import org.apache.pdfbox.filter.Filter;
import org.apache.pdfbox.filter.FilterFactory;

/**
 * Inflates what a parser would inflate, counting the bytes as they come out and discarding
 * them, before the parser runs: POI and PDFBox hold whole inflated parts in memory and trust
 * the sizes the file declares, so a small file could otherwise unpack into gigabytes.
 */
final class InflationCheck {
    /** Image codecs: text extraction never decodes them, and their pixels are not text. */
    private static final Set<COSName> IMAGE_FILTERS = Set.of(COSName.DCT_DECODE, COSName.JPX_DECODE, COSName.JBIG2_DECODE,
            COSName.CCITTFAX_DECODE);

    private InflationCheck() {
    }

    /** Every entry of the archive, read the way POI reads it (the local headers, streaming). */
    static void zip(byte[] bytes, ExtractionBudget budget) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        try (ZipArchiveInputStream zip = new ZipArchiveInputStream(new ByteArrayInputStream(bytes))) {
            while (zip.getNextEntry() != null) {
                for (int n = zip.read(buffer); n >= 0; n = zip.read(buffer)) {
                    budget.inflated(n);
                }
            }
        }
    }

    /** Every stream of the PDF but images, through its filter chain. */
    static void pdf(COSDocument pdf, ExtractionBudget budget) throws IOException {
        for (COSObjectKey key : List.copyOf(pdf.getXrefTable().keySet())) {
            COSBase object = pdf.getObjectFromPool(key).getObject();
            if (object instanceof COSStream stream && !COSName.IMAGE.equals(stream.getCOSName(COSName.SUBTYPE))) {
                try {
                    stream(stream, budget);
                } catch (IOException e) {
                    // A stream that does not decode is for the text extraction to judge: PDFBox skips many such.
                }
            }
        }
    }

    private static void stream(COSStream stream, ExtractionBudget budget) throws IOException {
        List<COSName> names = filterNames(stream.getFilters());
        if (names.isEmpty() || names.stream().anyMatch(IMAGE_FILTERS::contains)) {
            return;
        }
        byte[] encoded;
        try (InputStream raw = stream.createRawInputStream()) {
            encoded = raw.readAllBytes();
        }
        for (int i = 0; i < names.size(); i++) {
            Filter filter = FilterFactory.INSTANCE.getFilter(names.get(i));
            boolean last = i == names.size() - 1;
            // The last stage is only counted; earlier ones feed the next and are bounded by the budget.
            ByteArrayOutputStream kept = last ? null : new ByteArrayOutputStream();
            try (OutputStream out = new CountingOutputStream(kept, budget)) {
                filter.decode(new ByteArrayInputStream(encoded), out, stream, i);
            }
            if (!last) {
                encoded = kept.toByteArray();
            }
        }
    }

    private static List<COSName> filterNames(COSBase filters) {
        List<COSName> names = new ArrayList<>();
        if (filters instanceof COSName name) {
            names.add(name);
        } else if (filters instanceof COSArray array) {
            for (int i = 0; i < array.size(); i++) {
                if (array.getObject(i) instanceof COSName name) {
                    names.add(name);
                }
            }
        }
        return names;
    }

    private static final class CountingOutputStream extends OutputStream {
        private final OutputStream target;
        private final ExtractionBudget budget;

        CountingOutputStream(OutputStream target, ExtractionBudget budget) {
            this.target = target;
            this.budget = budget;
        }

        @Override
        public void write(int b) throws IOException {
            budget.inflated(1);
            if (target != null) {
                target.write(b);
            }
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            budget.inflated(len);
            if (target != null) {
                target.write(b, off, len);
            }
        }
    }
}
