package io.ipaas.mappings;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A JSONata expression (https://jsonata.org) in a mapping: evaluated against the record (or child) being mapped,
 * with {@code $record} bound to the whole record and the mapping's variables (for example {@code $settings}) bound
 * by name.
 *
 * <p>Parsed once when the mapping document is read, so a typo fails the document, not the thousandth record. The
 * parsed form is kept per thread because the library keeps evaluation state on it.
 */
public final class Expression {
    private final String text;
    private final ThreadLocal<Jsonata> parsed;

    private Expression(String text, Jsonata first) {
        this.text = text;
        this.parsed = ThreadLocal.withInitial(() -> Jsonata.jsonata(text));
        this.parsed.set(first);
    }

    /**
     * Parses an expression.
     *
     * @throws IllegalArgumentException with the parser's message when it does not parse
     */
    public static Expression parse(String text) {
        Objects.requireNonNull(text, "text");
        try {
            return new Expression(text, Jsonata.jsonata(text));
        } catch (JException | IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public String text() {
        return text;
    }

    /**
     * Evaluates against {@code input}.
     *
     * @return a JSON-compatible value, or null when the expression yields nothing; whole numbers come back as
     *     {@link Long} (JSONata computes in doubles), so a quantity of 2 stays 2 and not 2.0
     * @throws IllegalArgumentException with the expression's own error
     */
    public Object evaluate(Object input, Map<String, ?> variables) {
        Jsonata expression = parsed.get();
        try {
            Jsonata.Frame frame = expression.createFrame();
            variables.forEach(frame::bind);
            return plain(expression.evaluate(input, frame));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(message(e), e);
        }
    }

    private Object plain(Object value) {
        if (value == null || value == Jsonata.NULL_VALUE) {
            return null;
        }
        if (value instanceof Double number) {
            double d = number;
            if (d == Math.rint(d) && !Double.isInfinite(d) && Math.abs(d) < 9.0e15) {
                return (long) d;
            }
            return number;
        }
        if (value instanceof Float number) {
            return plain(number.doubleValue());
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> out = new LinkedHashMap<>();
            map.forEach((key, element) -> out.put(String.valueOf(key), plain(element)));
            return out;
        }
        if (value instanceof List<?> list) {
            List<Object> out = new ArrayList<>(list.size());
            list.forEach(element -> out.add(plain(element)));
            return out;
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        throw new IllegalArgumentException("the expression yields a "
                + value.getClass().getSimpleName() + ", not a JSON value (a function that was not called?)");
    }

    private static String message(RuntimeException e) {
        if (e instanceof NumberFormatException) {
            return "not a number: " + e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public String toString() {
        return text;
    }
}
