package io.ipaas.bcsandbox.odata;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * A parsed {@code $filter}: the boolean tree the sandbox evaluates row by row. Literals are already
 * converted to the property's type. Text comparisons are case-sensitive, like AL filters without {@code @}
 * (BC turns OData filters into AL filters).
 */
public sealed interface FilterExpression {

    boolean test(ValueSource row);

    /** The properties the expression reads (BC forbids OR across distinct ones). */
    Set<String> properties();

    /** Comparison operators with the OData library's "operator kind" names used in error texts. */
    enum Operator {
        EQ("Equal"),
        NE("NotEqual"),
        GT("GreaterThan"),
        GE("GreaterThanOrEqual"),
        LT("LessThan"),
        LE("LessThanOrEqual");

        private final String kind;

        Operator(String kind) {
            this.kind = kind;
        }

        public String kind() {
            return kind;
        }

        boolean holds(int comparison) {
            return switch (this) {
                case EQ -> comparison == 0;
                case NE -> comparison != 0;
                case GT -> comparison > 0;
                case GE -> comparison >= 0;
                case LT -> comparison < 0;
                case LE -> comparison <= 0;
            };
        }
    }

    /** {@code left and right}. */
    record And(FilterExpression left, FilterExpression right) implements FilterExpression {
        @Override
        public boolean test(ValueSource row) {
            return left.test(row) && right.test(row);
        }

        @Override
        public Set<String> properties() {
            Set<String> all = new HashSet<>(left.properties());
            all.addAll(right.properties());
            return all;
        }
    }

    /** {@code left or right}; the parser only builds it when both sides read the same single field. */
    record Or(FilterExpression left, FilterExpression right) implements FilterExpression {
        @Override
        public boolean test(ValueSource row) {
            return left.test(row) || right.test(row);
        }

        @Override
        public Set<String> properties() {
            Set<String> all = new HashSet<>(left.properties());
            all.addAll(right.properties());
            return all;
        }
    }

    /** {@code property op literal}. */
    record Comparison(String property, EdmType type, Operator operator, Object literal) implements FilterExpression {
        @Override
        public boolean test(ValueSource row) {
            return operator.holds(compare(type, row.value(property), literal));
        }

        @Override
        public Set<String> properties() {
            return Set.of(property);
        }
    }

    /** {@code property in (a, b, …)}. */
    record In(String property, EdmType type, List<Object> literals) implements FilterExpression {
        @Override
        public boolean test(ValueSource row) {
            Object value = row.value(property);
            for (Object literal : literals) {
                if (compare(type, value, literal) == 0) {
                    return true;
                }
            }
            return false;
        }

        @Override
        public Set<String> properties() {
            return Set.of(property);
        }
    }

    /** {@code not inner}. */
    record Not(FilterExpression inner) implements FilterExpression {
        @Override
        public boolean test(ValueSource row) {
            return !inner.test(row);
        }

        @Override
        public Set<String> properties() {
            return inner.properties();
        }
    }

    /**
     * {@code tolower(p) op 'x'}, {@code toupper(p) op 'x'} or {@code substring(p, start[, length]) op 'x'}: a text
     * property transformed, then compared with a string literal.
     *
     * @param length -1 for "to the end"
     */
    record TransformedComparison(
            String function, String property, int start, int length, Operator operator, String literal)
            implements FilterExpression {
        @Override
        public boolean test(ValueSource row) {
            return operator.holds(transform((String) row.value(property)).compareTo(literal));
        }

        String transform(String value) {
            return switch (function) {
                case "tolower" -> value.toLowerCase(java.util.Locale.ROOT);
                case "toupper" -> value.toUpperCase(java.util.Locale.ROOT);
                default -> {
                    int from = Math.min(start, value.length());
                    int to = length < 0 ? value.length() : Math.min(value.length(), from + length);
                    yield value.substring(from, to);
                }
            };
        }

        @Override
        public Set<String> properties() {
            return Set.of(property);
        }
    }

    /** {@code startswith(p,'x')}, {@code endswith(p,'x')}, {@code contains(p,'x')}. */
    record TextFunction(String function, String property, String argument) implements FilterExpression {
        @Override
        public boolean test(ValueSource row) {
            String value = (String) row.value(property);
            return switch (function) {
                case "startswith" -> value.startsWith(argument);
                case "endswith" -> value.endsWith(argument);
                default -> value.contains(argument);
            };
        }

        @Override
        public Set<String> properties() {
            return Set.of(property);
        }
    }

    private static int compare(EdmType type, Object value, Object literal) {
        return switch (type) {
            case DATETIMEOFFSET -> ((Instant) value).compareTo((Instant) literal);
            case GUID -> ((UUID) value).toString().compareTo(((UUID) literal).toString());
            case STRING, ENUM -> ((String) value).compareTo((String) literal);
            case DECIMAL -> ((BigDecimal) value).compareTo((BigDecimal) literal);
            case INT32, INT64 -> Long.compare(((Number) value).longValue(), ((BigDecimal) literal).longValueExact());
            case BOOLEAN -> Boolean.compare((Boolean) value, (Boolean) literal);
            case DATE -> ((java.time.LocalDate) value).compareTo((java.time.LocalDate) literal);
        };
    }
}
