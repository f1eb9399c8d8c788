package io.campaignpilot.knowledge;

import java.text.BreakIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Splits a document into chunks of about {@code maxChars}: whole paragraphs where they fit, whole sentences where
 * a paragraph is too long, so that a chunk is one coherent piece of guidance. The same text always gives the same
 * chunks, which keeps chunk ids stable.
 */
final class Chunker {
    private Chunker() {
    }

    static List<String> chunk(String text, int maxChars) {
        List<String> pieces = new ArrayList<>();
        for (String paragraph : text.strip().split("\\n\\s*\\n")) {
            String p = paragraph.strip();
            if (p.length() <= maxChars) {
                if (!p.isEmpty()) {
                    pieces.add(p);
                }
            } else {
                pieces.addAll(sentences(p, maxChars));
            }
        }
        List<String> chunks = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String piece : pieces) {
            if (!current.isEmpty() && current.length() + 2 + piece.length() > maxChars) {
                chunks.add(current.toString());
                current.setLength(0);
            }
            if (!current.isEmpty()) {
                current.append("\n\n");
            }
            current.append(piece);
        }
        if (!current.isEmpty()) {
            chunks.add(current.toString());
        }
        return chunks;
    }

    /** Groups sentences up to maxChars; a single sentence longer than that is cut at a word boundary. */
    private static List<String> sentences(String paragraph, int maxChars) {
        List<String> out = new ArrayList<>();
        BreakIterator it = BreakIterator.getSentenceInstance(Locale.ENGLISH);
        it.setText(paragraph);
        StringBuilder current = new StringBuilder();
        for (int start = it.first(), end = it.next(); end != BreakIterator.DONE; start = end, end = it.next()) {
            String sentence = paragraph.substring(start, end).strip();
            while (sentence.length() > maxChars) {
                int cut = sentence.lastIndexOf(' ', maxChars);
                cut = cut <= 0 ? maxChars : cut;
                flush(out, current);
                out.add(sentence.substring(0, cut).strip());
                sentence = sentence.substring(cut).strip();
            }
            if (!current.isEmpty() && current.length() + 1 + sentence.length() > maxChars) {
                flush(out, current);
            }
            if (!current.isEmpty()) {
                current.append(' ');
            }
            current.append(sentence);
        }
        flush(out, current);
        return out;
    }

    private static void flush(List<String> out, StringBuilder current) {
        if (!current.isEmpty()) {
            out.add(current.toString());
            current.setLength(0);
        }
    }
}
