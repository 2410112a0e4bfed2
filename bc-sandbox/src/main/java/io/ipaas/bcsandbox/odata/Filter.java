package io.ipaas.bcsandbox.odata;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The subset of OData {@code $filter} the sandbox understands: comparisons ({@code eq ne gt ge lt le}) of a
 * property with a literal, joined by {@code and}. String literals use single quotes with {@code ''} for a quote;
 * DateTimeOffset and GUID literals are bare, as BC expects.
 */
public final class Filter implements Predicate<Map<String, Object>> {
    private static final Set<String> OPERATORS = Set.of("eq", "ne", "gt", "ge", "lt", "le");

    private record Clause(String property, String operator, Object literal) {
    }

    private final List<Clause> clauses;

    private Filter(List<Clause> clauses) {
        this.clauses = clauses;
    }

    public static Filter all() {
        return new Filter(List.of());
    }

    /**
     * Parses a filter over the given properties.
     *
     * @throws BcFault.Raised with BC's query-syntax error for anything it does not understand
     */
    public static Filter parse(String text, Set<String> properties, String typeName) {
        List<Clause> clauses = new ArrayList<>();
        Tokens tokens = new Tokens(text);
        while (true) {
            String property = tokens.word();
            if (!properties.contains(property)) {
                throw BcFault.of(400, "BadRequest_NotFound", "Could not find a property named '" + property
                        + "' on type '" + typeName + "'.").raise();
            }
            String operator = tokens.word();
            if (!OPERATORS.contains(operator)) {
                throw BcFault.querySyntax();
            }
            clauses.add(new Clause(property, operator, tokens.literal()));
            if (tokens.atEnd()) {
                return new Filter(List.copyOf(clauses));
            }
            if (!tokens.word().equals("and")) {
                throw BcFault.of(400, "BadRequest_NotFound", "The sandbox supports only 'and' between comparisons.").raise();
            }
        }
    }

    @Override
    public boolean test(Map<String, Object> record) {
        for (Clause clause : clauses) {
            if (!matches(record.get(clause.property()), clause)) {
                return false;
            }
        }
        return true;
    }

    private static boolean matches(Object value, Clause clause) {
        int comparison;
        if (clause.literal() instanceof Instant instant) {
            if (!(value instanceof String text)) {
                return false;
            }
            try {
                comparison = Instant.parse(text).compareTo(instant);
            } catch (DateTimeParseException e) {
                return false;
            }
        } else if (clause.literal() instanceof BigDecimal number) {
            if (!(value instanceof Number n)) {
                return false;
            }
            comparison = new BigDecimal(n.toString()).compareTo(number);
        } else if (clause.literal() instanceof Boolean flag) {
            comparison = Boolean.valueOf(flag).equals(value) ? 0 : 1;
            return switch (clause.operator()) {
                case "eq" -> comparison == 0;
                case "ne" -> comparison != 0;
                default -> throw BcFault.querySyntax();
            };
        } else {
            if (value == null) {
                return false;
            }
            comparison = String.valueOf(value).compareToIgnoreCase((String) clause.literal());
        }
        return switch (clause.operator()) {
            case "eq" -> comparison == 0;
            case "ne" -> comparison != 0;
            case "gt" -> comparison > 0;
            case "ge" -> comparison >= 0;
            case "lt" -> comparison < 0;
            case "le" -> comparison <= 0;
            default -> throw BcFault.querySyntax();
        };
    }

    /** A tiny tokenizer for the filter grammar above. */
    private static final class Tokens {
        private final String text;
        private int at;

        Tokens(String text) {
            this.text = text;
        }

        boolean atEnd() {
            skipSpaces();
            return at >= text.length();
        }

        String word() {
            skipSpaces();
            int start = at;
            while (at < text.length() && !Character.isWhitespace(text.charAt(at))) {
                at++;
            }
            if (start == at) {
                throw BcFault.querySyntax();
            }
            return text.substring(start, at);
        }

        Object literal() {
            skipSpaces();
            if (at < text.length() && text.charAt(at) == '\'') {
                StringBuilder value = new StringBuilder();
                at++;
                while (true) {
                    if (at >= text.length()) {
                        throw BcFault.querySyntax();
                    }
                    char c = text.charAt(at++);
                    if (c == '\'') {
                        if (at < text.length() && text.charAt(at) == '\'') {
                            value.append('\'');
                            at++;
                        } else {
                            return value.toString();
                        }
                    } else {
                        value.append(c);
                    }
                }
            }
            String word = word();
            if (word.equals("true") || word.equals("false")) {
                return Boolean.valueOf(word);
            }
            if (word.matches("\\d{4}-\\d{2}-\\d{2}T.*")) {
                try {
                    return Instant.parse(word);
                } catch (DateTimeParseException e) {
                    throw BcFault.querySyntax();
                }
            }
            if (word.matches("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")) {
                return word;
            }
            try {
                return new BigDecimal(word);
            } catch (NumberFormatException e) {
                throw BcFault.querySyntax();
            }
        }

        private void skipSpaces() {
            while (at < text.length() && Character.isWhitespace(text.charAt(at))) {
                at++;
            }
        }
    }
}
