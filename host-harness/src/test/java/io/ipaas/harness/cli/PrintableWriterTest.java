package io.ipaas.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class PrintableWriterTest {
    private static String shown(String... writes) throws IOException {
        StringWriter target = new StringWriter();
        try (PrintableWriter writer = new PrintableWriter(target)) {
            for (String write : writes) {
                writer.write(write);
            }
        }
        return target.toString();
    }

    @Test
    void terminalControlAndInvisibleFormatCharactersAreShownEscaped() throws IOException {
        assertEquals("invoice\\u202Efdp.exe", shown("invoice\u202Efdp.exe"), "right-to-left override");
        assertEquals("\\u001B[31mred\\u001B[0m", shown("\u001B[31mred\u001B[0m"), "ANSI escape sequence");
        assertEquals("a\\u0008\\u0007b", shown("a\b\u0007b"), "backspace and bell");
        assertEquals("zero\\u200Bwidth\\uFEFF", shown("zero\u200Bwidth\uFEFF"));
        assertEquals("isolate\\u2066x\\u2069", shown("isolate\u2066x\u2069"));
        assertEquals("line\\u2028sep\\u0085", shown("line\u2028sep\u0085"));
        assertEquals("filler\\u3164", shown("filler\u3164"));
        assertEquals("\\uDB40\\uDC41", shown("\uDB40\uDC41"), "a tag character (ASCII smuggling), as UTF-16 escapes");
    }

    @Test
    void ordinaryTextLineBreaksTabsAndEmojiPassUnchanged() throws IOException {
        String text = "Größe: 5 €\tO'Brien Supplies\nnext line 日本語 😀 \"json\": \"\\u0041\"";
        assertEquals(text, shown(text));
    }

    @Test
    void aCarriageReturnRedrawsOnlyWhereAWriteBegins() throws IOException {
        assertEquals("\r  items: 10 records", shown("\r  items: 10 records"), "the harness's progress line");
        assertEquals("status: OK\\u000Dvalid", shown("status: OK\rvalid"), "inside a value it would hide text");
    }

    @Test
    void surrogatePairsSplitAcrossWritesStayWholeAndLoneHalvesAreEscaped() throws IOException {
        assertEquals("😀", shown("\uD83D", "\uDE00"));
        assertEquals("a\\uD83Db", shown("a\uD83D", "b"));
        assertEquals("\\uDE00", shown("\uDE00"));
        assertEquals("end\\uD83D", shown("end\uD83D"), "a high half left at close");
    }

    @Test
    void oneLineShowsLineBreaksAsEscapes() {
        assertEquals("first\\nsecond\\nthird", PrintableWriter.oneLine("first\nsecond\r\nthird"));
    }
}
