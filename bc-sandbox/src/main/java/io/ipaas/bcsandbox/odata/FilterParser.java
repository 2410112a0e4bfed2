package io.ipaas.bcsandbox.odata;

import io.ipaas.bcsandbox.odata.FilterExpression.Operator;
import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Parses the {@code $filter} subset BC clients use: comparisons ({@code eq ne gt ge lt le}) of a property
 * with a literal, {@code in (…)}, {@code startswith/endswith/contains}, {@code tolower/toupper/substring} on the
 * left of a comparison with a string, {@code not}, {@code and}, {@code or} (same field only, as in BC) and
 * parentheses. Datetimes are bare ISO-8601 literals, strings single-quoted with
 * {@code ''} for a quote, GUIDs bare. Anything else is BC's "Bad Request - Error in query syntax.".
 */
public final class FilterParser {
    private static final Map<String, Operator> OPERATORS = Map.of(
            "eq",
            Operator.EQ,
            "ne",
            Operator.NE,
            "gt",
            Operator.GT,
            "ge",
            Operator.GE,
            "lt",
            Operator.LT,
            "le",
            Operator.LE);
    private static final Pattern GUID =
            Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    private static final Pattern DATE_TIME = Pattern.compile("\\d{4}-\\d{2}-\\d{2}T[0-9:.]+(Z|[+-]\\d{2}:\\d{2})");
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
    private static final Pattern INTEGER = Pattern.compile("-?\\d+");
    private static final Pattern DECIMAL = Pattern.compile("-?\\d+\\.\\d+[mMdD]?|-?\\d+[mM]");

    private final EntityType<?> type;
    private final List<Token> tokens;
    private int next;

    private FilterParser(EntityType<?> type, List<Token> tokens) {
        this.type = type;
        this.tokens = tokens;
    }

    /** Parses {@code text} against {@code type}'s properties; throws a {@link BcException} when invalid. */
    public static FilterExpression parse(String text, EntityType<?> type) {
        FilterParser parser = new FilterParser(type, tokenize(text));
        if (parser.tokens.isEmpty()) {
            throw BcErrors.querySyntax();
        }
        FilterExpression expression = parser.orExpression();
        if (parser.next != parser.tokens.size()) {
            throw BcErrors.querySyntax();
        }
        return expression;
    }

    // ---- grammar ---------------------------------------------------------------------------------

    private FilterExpression orExpression() {
        FilterExpression left = andExpression();
        while (peekWord("or")) {
            next++;
            FilterExpression right = andExpression();
            FilterExpression or = new FilterExpression.Or(left, right);
            if (or.properties().size() > 1) {
                throw BcErrors.orOnDistinctFields();
            }
            left = or;
        }
        return left;
    }

    private FilterExpression andExpression() {
        FilterExpression left = primary();
        while (peekWord("and")) {
            next++;
            left = new FilterExpression.And(left, primary());
        }
        return left;
    }

    private FilterExpression primary() {
        Token token = take();
        if (token.kind() == Kind.OPEN) {
            FilterExpression inner = orExpression();
            expect(Kind.CLOSE);
            return inner;
        }
        if (token.kind() != Kind.WORD) {
            throw BcErrors.querySyntax();
        }
        String word = token.text();
        if (word.equals("not")) {
            return new FilterExpression.Not(primary());
        }
        if ((word.equals("tolower") || word.equals("toupper") || word.equals("substring")) && peek(Kind.OPEN)) {
            return transformed(word);
        }
        if ((word.equals("startswith") || word.equals("endswith") || word.equals("contains")) && peek(Kind.OPEN)) {
            return textFunction(word);
        }
        Property<?> property = type.require(word);
        Token operator = take();
        if (operator.kind() == Kind.WORD && operator.text().equals("in")) {
            return inList(property);
        }
        Operator op = operator.kind() == Kind.WORD ? OPERATORS.get(operator.text()) : null;
        if (op == null) {
            throw BcErrors.querySyntax();
        }
        Object literal = literal(property, op, take());
        if (property.type() == EdmType.BOOLEAN && op != Operator.EQ && op != Operator.NE) {
            throw BcErrors.querySyntax();
        }
        return new FilterExpression.Comparison(property.name(), property.type(), op, literal);
    }

    private FilterExpression inList(Property<?> property) {
        expect(Kind.OPEN);
        List<Object> literals = new ArrayList<>();
        do {
            literals.add(literal(property, Operator.EQ, take()));
        } while (takeIf(Kind.COMMA));
        expect(Kind.CLOSE);
        return new FilterExpression.In(property.name(), property.type(), literals);
    }

    /** {@code tolower(p) eq 'x'}, {@code toupper(p) ne 'X'}, {@code substring(p, 1, 3) eq 'abc'}. */
    private FilterExpression transformed(String function) {
        expect(Kind.OPEN);
        Token name = take();
        if (name.kind() != Kind.WORD) {
            throw BcErrors.querySyntax();
        }
        Property<?> property = type.require(name.text());
        int start = 0;
        int length = -1;
        if (function.equals("substring")) {
            expect(Kind.COMMA);
            start = integer(take());
            if (takeIf(Kind.COMMA)) {
                length = integer(take());
            }
        }
        expect(Kind.CLOSE);
        if (property.type() != EdmType.STRING && property.type() != EdmType.ENUM) {
            throw BcErrors.querySyntax();
        }
        Token operator = take();
        Operator op = operator.kind() == Kind.WORD ? OPERATORS.get(operator.text()) : null;
        Token literal = take();
        if (op == null || literal.kind() != Kind.STRING) {
            throw BcErrors.querySyntax();
        }
        return new FilterExpression.TransformedComparison(function, property.name(), start, length, op, literal.text());
    }

    private static int integer(Token token) {
        if (token.kind() != Kind.WORD || !INTEGER.matcher(token.text()).matches()) {
            throw BcErrors.querySyntax();
        }
        int value = Integer.parseInt(token.text());
        if (value < 0) {
            throw BcErrors.querySyntax();
        }
        return value;
    }

    private FilterExpression textFunction(String function) {
        expect(Kind.OPEN);
        Token name = take();
        if (name.kind() != Kind.WORD) {
            throw BcErrors.querySyntax();
        }
        Property<?> property = type.require(name.text());
        expect(Kind.COMMA);
        Token argument = take();
        expect(Kind.CLOSE);
        if (argument.kind() != Kind.STRING || (property.type() != EdmType.STRING && property.type() != EdmType.ENUM)) {
            throw BcErrors.querySyntax();
        }
        return new FilterExpression.TextFunction(function, property.name(), argument.text());
    }

    // ---- literals --------------------------------------------------------------------------------

    private static Object literal(Property<?> property, Operator op, Token token) {
        String literalType = literalType(token);
        EdmType target = property.type();
        boolean compatible = switch (target) {
            case STRING, ENUM -> literalType.equals("Edm.String");
            case DATETIMEOFFSET -> literalType.equals("Edm.DateTimeOffset");
            case GUID -> literalType.equals("Edm.Guid");
            case BOOLEAN -> literalType.equals("Edm.Boolean");
            case DECIMAL -> literalType.equals("Edm.Int32") || literalType.equals("Edm.Decimal");
            case INT32, INT64 -> literalType.equals("Edm.Int32");
            case DATE -> literalType.equals("Edm.Date");
        };
        if (!compatible) {
            throw BcErrors.incompatibleTypes(target.edmName(), literalType, op.kind());
        }
        String text = token.text();
        try {
            return switch (target) {
                case STRING, ENUM -> text;
                case DATETIMEOFFSET ->
                    OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
                            .toInstant();
                case GUID -> UUID.fromString(text);
                case BOOLEAN -> Boolean.valueOf(text);
                case DECIMAL, INT32, INT64 -> new BigDecimal(text.replaceAll("[mMdD]$", ""));
                case DATE -> java.time.LocalDate.parse(text);
            };
        } catch (DateTimeParseException | IllegalArgumentException e) {
            throw BcErrors.querySyntax();
        }
    }

    /** The EDM type of a literal token, as the OData parser would infer it; unknown words are syntax errors. */
    private static String literalType(Token token) {
        if (token.kind() == Kind.STRING) {
            return "Edm.String";
        }
        if (token.kind() != Kind.WORD) {
            throw BcErrors.querySyntax();
        }
        String text = token.text();
        if (text.equals("true") || text.equals("false")) {
            return "Edm.Boolean";
        }
        if (GUID.matcher(text).matches()) {
            return "Edm.Guid";
        }
        if (DATE_TIME.matcher(text).matches()) {
            return "Edm.DateTimeOffset";
        }
        if (DATE.matcher(text).matches()) {
            return "Edm.Date";
        }
        if (INTEGER.matcher(text).matches()) {
            return "Edm.Int32";
        }
        if (DECIMAL.matcher(text).matches()) {
            return "Edm.Decimal";
        }
        throw BcErrors.querySyntax();
    }

    // ---- tokens ----------------------------------------------------------------------------------

    private enum Kind {
        WORD,
        STRING,
        OPEN,
        CLOSE,
        COMMA
    }

    private record Token(Kind kind, String text) {}

    private static List<Token> tokenize(String text) {
        List<Token> tokens = new ArrayList<>();
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(') {
                tokens.add(new Token(Kind.OPEN, "("));
                i++;
            } else if (c == ')') {
                tokens.add(new Token(Kind.CLOSE, ")"));
                i++;
            } else if (c == ',') {
                tokens.add(new Token(Kind.COMMA, ","));
                i++;
            } else if (c == '\'') {
                StringBuilder value = new StringBuilder();
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw BcErrors.querySyntax();
                    }
                    char d = text.charAt(i);
                    if (d == '\'') {
                        // '' inside a literal is one quote (OData string escaping)
                        if (i + 1 < text.length() && text.charAt(i + 1) == '\'') {
                            value.append('\'');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    value.append(d);
                    i++;
                }
                tokens.add(new Token(Kind.STRING, value.toString()));
            } else {
                int start = i;
                while (i < text.length()
                        && !Character.isWhitespace(text.charAt(i))
                        && "(),'".indexOf(text.charAt(i)) < 0) {
                    i++;
                }
                tokens.add(new Token(Kind.WORD, text.substring(start, i)));
            }
        }
        return tokens;
    }

    private Token take() {
        if (next >= tokens.size()) {
            throw BcErrors.querySyntax();
        }
        return tokens.get(next++);
    }

    private boolean peek(Kind kind) {
        return next < tokens.size() && tokens.get(next).kind() == kind;
    }

    private boolean peekWord(String word) {
        // OData keywords are case-sensitive: "AND" is not "and"
        return peek(Kind.WORD) && tokens.get(next).text().equals(word);
    }

    private boolean takeIf(Kind kind) {
        if (peek(kind)) {
            next++;
            return true;
        }
        return false;
    }

    private void expect(Kind kind) {
        if (!takeIf(kind)) {
            throw BcErrors.querySyntax();
        }
    }
}
