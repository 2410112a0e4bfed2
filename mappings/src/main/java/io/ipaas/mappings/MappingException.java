package io.ipaas.mappings;

/**
 * A record could not be mapped. The message names the collection, the target field and the record, and says
 * what to change.
 */
public final class MappingException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String collection;
    private final String targetField;
    private final String recordId;

    public MappingException(String collection, String targetField, String recordId, String problem) {
        super("mapping '" + collection + "', field '" + targetField + "', record '" + recordId + "': " + problem);
        this.collection = collection;
        this.targetField = targetField;
        this.recordId = recordId;
    }

    public String collection() {
        return collection;
    }

    public String targetField() {
        return targetField;
    }

    public String recordId() {
        return recordId;
    }
}
