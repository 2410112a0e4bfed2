package io.ipaas.connector.api.settings;

/** The value type of a setting, which decides validation, typed access and the JSON Schema form. */
public enum SettingType {
    /** One line of text. */
    STRING,
    /** Multi-line text (for example a PEM block or a template). */
    TEXT,
    /** A secret string: write-only in forms, masked everywhere, stored encrypted by the host. */
    SECRET,
    /** A whole number. */
    INTEGER,
    /** True or false. */
    BOOLEAN,
    /** One of a fixed list of strings. */
    CHOICE,
    /** An absolute http(s) URL. */
    URL,
    /** A list of strings. */
    STRING_LIST
}
