package io.ipaas.harness.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/** Reads a settings file: a JSON object; numbers stay integers or decimals, never doubles. */
final class SettingsFile {
    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .build();

    private SettingsFile() {}

    static Map<String, Object> read(Path file) {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw UserFailure.badInput(file + ": no such file");
        } catch (IOException e) {
            throw UserFailure.badInput(file + ": cannot read (" + e.getMessage() + ")");
        }
        try {
            Object parsed = JSON.readValue(text, Object.class);
            if (!(parsed instanceof Map<?, ?>)) {
                throw UserFailure.badInput(file + ": settings must be a JSON object like {\"tenantId\": \"…\"}");
            }
            return JSON.convertValue(parsed, new TypeReference<Map<String, Object>>() {});
        } catch (JsonProcessingException e) {
            var location = e.getLocation();
            throw UserFailure.badInput(file + ": invalid JSON"
                    + (location == null
                            ? ""
                            : " at line " + location.getLineNr() + ", column " + location.getColumnNr())
                    + ": " + e.getOriginalMessage());
        }
    }
}
