package io.ipaas.harness.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class KeyOrderTest {
    private static final Comparator<RecordRow> BY_PREFIX_THEN_KEY = Comparator.<RecordRow>comparingLong(
                    row -> KeyOrder.prefix(row.key()) ^ Long.MIN_VALUE)
            .thenComparing(RecordRow::key);

    @Test
    void guidsComeOutInKeyOrder() {
        List<RecordRow> rows = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) {
            rows.add(new RecordRow(UUID.randomUUID().toString(), "{}"));
        }
        List<RecordRow> expected = new ArrayList<>(rows);
        expected.sort(Comparator.comparing(RecordRow::key));

        assertEquals(expected, List.of(KeyOrder.sorted(rows)));
    }

    @Test
    void keysThatShareTheirFirstCharactersAreOrderedByTheWholeKey() {
        List<RecordRow> rows = new ArrayList<>();
        Random random = new Random(7);
        for (int i = 0; i < 3_000; i++) {
            rows.add(new RecordRow("ITEM-" + String.format("%07d", random.nextInt(1_000_000)), "{\"i\":" + i + "}"));
        }
        List<RecordRow> expected = new ArrayList<>(rows);
        expected.sort(Comparator.comparing(RecordRow::key));

        assertEquals(expected, List.of(KeyOrder.sorted(rows)));
    }

    @Test
    void everyRowIsKeptOnceWithShortEmptyDuplicateAndNonLatinKeys() {
        List<RecordRow> rows = new ArrayList<>(List.of(
                new RecordRow("b", "1"),
                new RecordRow("", "2"),
                new RecordRow("a", "3"),
                new RecordRow("a", "4"),
                new RecordRow("Ωmega", "5"),
                new RecordRow("\u00ff", "6"),
                new RecordRow("ab", "7"),
                new RecordRow("\uffff\uffff", "8")));
        List<RecordRow> expected = new ArrayList<>(rows);
        expected.sort(BY_PREFIX_THEN_KEY);

        List<RecordRow> sorted = List.of(KeyOrder.sorted(rows));

        assertEquals(expected, sorted);
        assertEquals(new HashSet<>(rows), new HashSet<>(sorted));
        // two rows with one key keep their input order: the last one written wins, as before
        assertEquals(
                List.of("3", "4"),
                sorted.stream()
                        .filter(row -> row.key().equals("a"))
                        .map(RecordRow::json)
                        .toList());
    }

    @Test
    void prefixOrderIsTheKeysOrderForAsciiKeys() {
        assertTrue(Long.compareUnsigned(KeyOrder.prefix("abc"), KeyOrder.prefix("abd")) < 0);
        assertTrue(Long.compareUnsigned(KeyOrder.prefix("ab"), KeyOrder.prefix("abc")) < 0);
        assertTrue(Long.compareUnsigned(KeyOrder.prefix("z"), KeyOrder.prefix("a0000000000")) > 0);
        assertEquals(KeyOrder.prefix("abcdefgh"), KeyOrder.prefix("abcdefghZZZ"));
    }
}
