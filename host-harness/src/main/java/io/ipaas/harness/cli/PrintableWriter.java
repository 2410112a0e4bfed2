package io.ipaas.harness.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * Everything the harness prints passes through here, so a value that came from a settings file, a plugin or a
 * remote system is shown as typed, never acted on by the terminal: control characters (escape sequences, backspace,
 * bell), bidirectional overrides and other invisible format characters (U+202E, U+200B, U+FEFF, tag characters) and
 * line or paragraph separators other than {@code \n} are written as {@code \u202E}; a supplementary character as
 * its two UTF-16 escapes, which keeps printed JSON valid and equal in value. Kept as they are: {@code \n},
 * {@code \t}, and {@code \r} where a write begins, which is how the harness redraws its progress line (inside a
 * value a carriage return could hide the text printed before it).
 */
final class PrintableWriter extends FilterWriter {
    /** Invisible letters and marks that are not in the format category. */
    private static final String INVISIBLE = "\u034F\u115F\u1160\u17B4\u17B5\u3164\uFFA0";

    /** A high surrogate at the end of one write, waiting for its low half in the next. */
    private char pendingHigh;

    PrintableWriter(Writer out) {
        super(out);
    }

    /** A message meant as one line: its line breaks shown as {@code \n}, so it stays one line on the terminal. */
    static String oneLine(Object message) {
        return String.valueOf(message).replace("\r\n", "\\n").replace("\n", "\\n");
    }

    /** Whether a terminal would act on or hide the code point instead of showing it. */
    static boolean hidden(int codePoint) {
        if (codePoint == '\n' || codePoint == '\t') {
            return false;
        }
        return switch (Character.getType(codePoint)) {
            case Character.CONTROL,
                    Character.FORMAT,
                    Character.LINE_SEPARATOR,
                    Character.PARAGRAPH_SEPARATOR,
                    Character.SURROGATE -> true;
            default -> INVISIBLE.indexOf(codePoint) >= 0;
        };
    }

    @Override
    public void write(int c) throws IOException {
        write(new char[] {(char) c}, 0, 1);
    }

    @Override
    public void write(String text, int off, int len) throws IOException {
        write(text.toCharArray(), off, len);
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        StringBuilder shown = new StringBuilder(len + 8);
        for (int i = off; i < off + len; i++) {
            char c = chars[i];
            if (pendingHigh != 0) {
                char high = pendingHigh;
                pendingHigh = 0;
                if (Character.isLowSurrogate(c)) {
                    appendCodePoint(shown, high, c);
                    continue;
                }
                escape(shown, high);
            }
            if (Character.isHighSurrogate(c)) {
                pendingHigh = c;
            } else if (c == '\r' && i == off) {
                shown.append(c);
            } else if (hidden(c)) {
                escape(shown, c);
            } else {
                shown.append(c);
            }
        }
        out.write(shown.toString());
    }

    @Override
    public void close() throws IOException {
        if (pendingHigh != 0) {
            StringBuilder lone = new StringBuilder();
            escape(lone, pendingHigh);
            pendingHigh = 0;
            out.write(lone.toString());
        }
        super.close();
    }

    private static void appendCodePoint(StringBuilder shown, char high, char low) {
        if (hidden(Character.toCodePoint(high, low))) {
            escape(shown, high);
            escape(shown, low);
        } else {
            shown.append(high).append(low);
        }
    }

    private static void escape(StringBuilder shown, char c) {
        shown.append(String.format("\\u%04X", (int) c));
    }
}
