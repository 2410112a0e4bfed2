package io.ipaas.harness.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a settings file: a JSON object; numbers stay integers or decimals, never doubles. A key given twice is an
 * error, not "the last one wins": which of two client secrets is meant is the user's call.
 */
final class SettingsFile {
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** Jackson's wording for a repeated key; its location is the second occurrence. */
    private static final Pattern DUPLICATE = Pattern.compile("^Duplicate (?:field|Object property) '(.*)'$");

    private SettingsFile() {}

    static Map<String, Object> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw UserFailure.badInput(file + ": no such file");
        } catch (CharacterCodingException e) {
            throw UserFailure.badInput(file + ": not UTF-8 text; save the settings file as UTF-8");
        } catch (IOException e) {
            throw UserFailure.badInput(file + ": cannot read (" + HomeFolder.reason(e) + ")");
        }
        if (text.startsWith("\uFEFF")) {
            // editors on Windows write a byte order mark; it is not part of the JSON
            text = text.substring(1);
        }
        try {
            Object parsed = JSON.readValue(text, Object.class);
            if (!(parsed instanceof Map<?, ?>)) {
                throw UserFailure.badInput(file + ": settings must be a JSON object like {\"tenantId\": \"…\"}");
            }
            return JSON.convertValue(parsed, new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            String line = location == null ? "" : " at line " + location.getLineNr();
            Matcher duplicate = DUPLICATE.matcher(String.valueOf(e.getOriginalMessage()));
            if (duplicate.matches()) {
                throw UserFailure.badInput(file + ": the key '" + duplicate.group(1) + "' appears twice (again" + line
                        + "); keep one of them");
            }
            throw UserFailure.badInput(file + ": invalid JSON"
                    + (location == null ? "" : line + ", column " + location.getColumnNr()) + ": "
                    + e.getOriginalMessage());
        }
    }
}
