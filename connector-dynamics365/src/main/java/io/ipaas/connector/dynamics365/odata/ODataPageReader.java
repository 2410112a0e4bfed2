package io.ipaas.connector.dynamics365.odata;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.SerializedString;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads an OData collection page ({@code {"@odata.context":…,"value":[…],"@odata.nextLink":…}}) with Jackson's
 * streaming parser, straight from the response stream: each entity's field map is built once, annotations are
 * skipped while parsing, and no tree of the page is ever held. Numbers keep their precision (decimals become
 * {@link java.math.BigDecimal}, whole numbers Integer, Long or BigInteger).
 */
final class ODataPageReader {
    private static final JsonFactory JSON = JsonFactory.builder().build();

    /** The entities of a page have the same names in the same order: each shares those of the one before. */
    private FieldNames lastNames;

    /** The previous entity's names as they came, annotations included, and the same quoted for the parser. */
    private String[] lastOrder = new String[0];

    private SerializedString[] lastQuoted = new SerializedString[0];

    /** The current entity's names as they come. */
    private String[] order = new String[32];

    /**
     * Hands every entity of the page to {@code entities} as soon as it is parsed.
     *
     * @return the page's {@code @odata.nextLink}, if it has one
     * @throws com.fasterxml.jackson.core.JsonProcessingException when the body is not JSON
     * @throws MalformedPageException when it is JSON but not a collection page
     */
    Optional<String> read(InputStream body, Consumer<ODataEntity> entities) throws IOException {
        try (JsonParser parser = JSON.createParser(body)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new MalformedPageException("the body is not a JSON object");
            }
            boolean sawValue = false;
            String nextLink = null;
            for (JsonToken token = parser.nextToken(); token == JsonToken.FIELD_NAME; token = parser.nextToken()) {
                String name = parser.currentName();
                JsonToken value = parser.nextToken();
                if (name.equals("value")) {
                    if (value != JsonToken.START_ARRAY) {
                        throw new MalformedPageException("'value' is not an array");
                    }
                    sawValue = true;
                    readEntities(parser, entities);
                } else if (name.equals("@odata.nextLink")) {
                    if (value != JsonToken.VALUE_STRING) {
                        throw new MalformedPageException("'@odata.nextLink' is not a string");
                    }
                    nextLink = parser.getText();
                } else {
                    parser.skipChildren();
                }
            }
            if (parser.currentToken() != JsonToken.END_OBJECT) {
                throw new MalformedPageException("the body ends before the page is complete");
            }
            if (parser.nextToken() != null) {
                throw new MalformedPageException("there is more content after the page");
            }
            if (!sawValue) {
                throw new MalformedPageException("the page has no 'value' array");
            }
            return Optional.ofNullable(nextLink).filter(link -> !link.isEmpty());
        }
    }

    private void readEntities(JsonParser parser, Consumer<ODataEntity> entities) throws IOException {
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token != JsonToken.START_OBJECT) {
                throw new MalformedPageException("'value' holds " + token + " where an entity object belongs");
            }
            ParsedFields fields = lastNames == null ? new ParsedFields(16) : new ParsedFields(lastNames);
            String etag = null;
            boolean sameOrder = true;
            int position = 0;
            while (true) {
                String name;
                // the previous entity's next name, compared as bytes: no hashing into the parser's name table
                if (position < lastOrder.length && parser.nextFieldName(lastQuoted[position])) {
                    name = lastOrder[position];
                } else {
                    JsonToken field = position < lastOrder.length ? parser.currentToken() : parser.nextToken();
                    if (field != JsonToken.FIELD_NAME) {
                        break;
                    }
                    name = parser.currentName();
                    sameOrder = false;
                }
                if (position == order.length) {
                    order = Arrays.copyOf(order, position * 2);
                }
                order[position++] = name;
                JsonToken value = parser.nextToken();
                if (isAnnotation(name)) {
                    if (name.equals("@odata.etag") && value == JsonToken.VALUE_STRING) {
                        etag = parser.getText();
                    } else {
                        parser.skipChildren();
                    }
                } else {
                    fields.put(name, value(parser, value));
                }
            }
            if (!sameOrder || position != lastOrder.length) {
                expectOrder(position);
            }
            lastNames = fields.seal();
            entities.accept(new ODataEntity(fields, Optional.ofNullable(etag)));
        }
    }

    /** The next entity is expected to come with the names this one came with. */
    private void expectOrder(int count) {
        lastOrder = Arrays.copyOf(order, count);
        lastQuoted = new SerializedString[count];
        for (int i = 0; i < count; i++) {
            lastQuoted[i] = new SerializedString(lastOrder[i]);
        }
    }

    private static Object value(JsonParser parser, JsonToken token) throws IOException {
        return switch (token) {
            case VALUE_STRING -> parser.getText();
            case VALUE_NUMBER_INT -> parser.getNumberValue();
            case VALUE_NUMBER_FLOAT -> parser.getDecimalValue();
            case VALUE_TRUE -> Boolean.TRUE;
            case VALUE_FALSE -> Boolean.FALSE;
            case VALUE_NULL -> null;
            case START_OBJECT -> object(parser, null);
            case START_ARRAY -> array(parser);
            default -> throw new MalformedPageException("unexpected " + token + " in an entity");
        };
    }

    /** A nested object (a complex value or one expanded entity), annotations dropped. */
    private static ParsedFields object(JsonParser parser, FieldNames template) throws IOException {
        ParsedFields fields = template == null ? new ParsedFields(8) : new ParsedFields(template);
        for (JsonToken field = parser.nextToken(); field == JsonToken.FIELD_NAME; field = parser.nextToken()) {
            String name = parser.currentName();
            JsonToken value = parser.nextToken();
            if (isAnnotation(name)) {
                parser.skipChildren();
            } else {
                fields.put(name, value(parser, value));
            }
        }
        fields.seal();
        return fields;
    }

    /** An expanded collection ({@code itemVariants}) or a primitive collection; its objects share their names. */
    private static List<Object> array(JsonParser parser) throws IOException {
        List<Object> values = new ArrayList<>();
        FieldNames lastNames = null;
        for (JsonToken token = parser.nextToken(); token != JsonToken.END_ARRAY; token = parser.nextToken()) {
            if (token == null) {
                throw new MalformedPageException("the body ends inside an array");
            }
            if (token == JsonToken.START_OBJECT) {
                ParsedFields element = object(parser, lastNames);
                lastNames = element.seal();
                values.add(element);
            } else {
                values.add(value(parser, token));
            }
        }
        return values;
    }

    /** OData JSON names annotations with an '@' ({@code @odata.etag}, {@code items@odata.count}); properties never. */
    private static boolean isAnnotation(String name) {
        return name.indexOf('@') >= 0;
    }
}
