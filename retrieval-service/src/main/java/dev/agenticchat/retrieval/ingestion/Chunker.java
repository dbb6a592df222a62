package dev.agenticchat.retrieval.ingestion;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits extracted text into passages of at most {@code size} characters that end at sentence
 * boundaries (a sentence longer than that is cut between words). Each passage repeats the end
 * of the one before it, up to {@code overlap} characters: whole sentences when they fit, else
 * the last words, so a fact that straddles two passages is still found whole. Passages never
 * cross a section (a PDF page), so each has one page number.
 */
final class Chunker {
    private Chunker() {
    }

    static List<TextChunk> split(ExtractedText extracted, int size, int overlap) {
        List<TextChunk> chunks = new ArrayList<>();
        for (ExtractedText.Section section : extracted.sections()) {
            List<int[]> spans = sentences(extracted.text(), section.start(), section.end(), size);
            int i = 0;
            while (i < spans.size()) {
                int start = spans.get(i)[0];
                int j = i;
                while (j + 1 < spans.size() && spans.get(j + 1)[1] - start <= size) {
                    j++;
                }
                int end = spans.get(j)[1];
                chunks.add(new TextChunk(extracted.text().substring(start, end), section.page(), start, end));
                if (j + 1 >= spans.size()) {
                    break;
                }
                int next = j + 1;
                while (next - 1 > i && end - spans.get(next - 1)[0] <= overlap) {
                    next--;
                }
                if (next == j + 1 && overlap > 0) {
                    // No whole sentence fits in the overlap: carry the last words of this passage instead.
                    int from = wordStartAtOrAfter(extracted.text(), Math.max(start + 1, end - overlap), end);
                    if (from < end && spans.get(j + 1)[1] - from <= size) {
                        spans.set(j, new int[] {from, end});
                        i = j;
                        continue;
                    }
                }
                i = next;
            }
        }
        return chunks;
    }

    /** Sentences of {@code [from, to)} trimmed of whitespace, those longer than {@code size} cut between words. */
    private static List<int[]> sentences(String text, int from, int to, int size) {
        List<int[]> spans = new ArrayList<>();
        BreakIterator sentences = BreakIterator.getSentenceInstance(Locale.ROOT);
        sentences.setText(text.substring(from, to));
        int start = sentences.first();
        for (int end = sentences.next(); end != BreakIterator.DONE; start = end, end = sentences.next()) {
            int s = from + start;
            int e = from + end;
            while (s < e && Character.isWhitespace(text.charAt(s))) {
                s++;
            }
            while (e > s && Character.isWhitespace(text.charAt(e - 1))) {
                e--;
            }
            while (e - s > size) {
                int cut = lastWhitespace(text, s, s + size);
                int pieceEnd = cut > s ? cut : s + size;
                spans.add(new int[] {s, trimEnd(text, s, pieceEnd)});
                s = pieceEnd;
                while (s < e && Character.isWhitespace(text.charAt(s))) {
                    s++;
                }
            }
            if (e > s) {
                spans.add(new int[] {s, e});
            }
        }
        return spans;
    }

    private static int lastWhitespace(String text, int from, int to) {
        for (int k = to; k > from; k--) {
            if (Character.isWhitespace(text.charAt(k))) {
                return k;
            }
        }
        return -1;
    }

    private static int trimEnd(String text, int from, int to) {
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        return to;
    }

    private static int wordStartAtOrAfter(String text, int from, int end) {
        int k = from;
        if (k > 0 && !Character.isWhitespace(text.charAt(k - 1))) {
            while (k < end && !Character.isWhitespace(text.charAt(k))) {
                k++;
            }
        }
        while (k < end && Character.isWhitespace(text.charAt(k))) {
            k++;
        }
        return k;
    }
}
