package io.ipaas.bcsandbox.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.ipaas.bcsandbox.data.RowSet;
import io.ipaas.bcsandbox.data.SalesDocuments;
import io.ipaas.bcsandbox.odata.BcException;
import io.ipaas.bcsandbox.odata.EntityType;
import io.ipaas.bcsandbox.odata.EntityWriter;
import io.ipaas.bcsandbox.odata.ExpandOption;
import io.ipaas.bcsandbox.odata.Expansion;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** {@code salesInvoices?$expand=salesInvoiceLines} and the like: the document's lines as a nested array. */
final class LinesExpansion implements Expansion<Map<String, Object>> {
    private final SalesDocuments documents;
    private final EntityType<Map<String, Object>> lineType;

    LinesExpansion(SalesDocuments documents, EntityType<Map<String, Object>> lineType) {
        this.documents = documents;
        this.lineType = lineType;
    }

    @Override
    public void write(JsonGenerator json, Map<String, Object> document, ExpandOption option) throws IOException {
        UUID documentId = (UUID) document.get("id");
        RowSet lines = lines(documents, documentId);
        json.writeStartArray();
        for (long p = lines.next(0); p >= 0; p = lines.next(p + 1)) {
            Map<String, Object> line = lines.row(p);
            if (option.filter() == null
                    || option.filter().test(name -> lineType.require(name).read(line))) {
                EntityWriter.write(json, lineType, line, option.select(), List.of(), Map.of());
            }
        }
        json.writeEndArray();
    }

    /** Whether writing this document's lines would fail: checked before a page is sent, as BC fails it whole. */
    @Override
    public void check(Map<String, Object> document) {
        lines(documents, (UUID) document.get("id"));
    }

    @Override
    public boolean canFail() {
        return true;
    }

    /** The document's lines, or BC's error for a line with bad data. */
    static RowSet lines(SalesDocuments documents, UUID documentId) {
        if (documents.linesBroken(documentId)) {
            throw brokenLine();
        }
        return documents.lines(documentId).orElseThrow();
    }

    /**
     * What BC answers when a line's API page cannot read a related record (here a unit of measure deleted under the
     * line): the page's OnAfterGetRecord fails and so does the whole request. BC's status for it is not documented;
     * the sandbox answers 400 with the documented code Internal_RecordNotFound (facts §3.4).
     */
    static BcException brokenLine() {
        return new BcException(
                400,
                "Internal_RecordNotFound",
                "The Item Unit of Measure does not exist. Identification fields and values: Item No.='1896-S',"
                        + "Code='BOXX'");
    }
}
