package io.ipaas.connector.testkit.reference;

import io.ipaas.connector.api.entity.EntityWriter;
import io.ipaas.connector.api.entity.OutboundRecord;
import io.ipaas.connector.api.entity.WriteOutcome;
import io.ipaas.connector.api.error.ConnectorException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Creates contacts, passing the platform's idempotency key on so a repeated call creates nothing new. */
final class ContactsWriter implements EntityWriter {
    private final ContactsRemote remote;
    private final String key;
    private final RemoteCalls calls;
    private final Set<Flaw> flaws;

    ContactsWriter(ContactsRemote remote, String key, RemoteCalls calls, Set<Flaw> flaws) {
        this.remote = remote;
        this.key = key;
        this.calls = calls;
        this.flaws = flaws;
    }

    @Override
    public List<WriteOutcome> write(List<OutboundRecord> records) {
        List<WriteOutcome> outcomes = new ArrayList<>(records.size());
        for (OutboundRecord record : records) {
            Optional<String> problem = problem(record);
            if (problem.isPresent()) {
                ConnectorException failure = ConnectorException.data(record.idempotencyKey(), problem.get(), null);
                if (flaws.contains(Flaw.WRITER_FAILS_THE_WHOLE_CALL)) {
                    throw failure;
                }
                outcomes.add(new WriteOutcome(
                        record.idempotencyKey(), Optional.empty(), Optional.empty(), Optional.of(failure)));
                continue;
            }
            Optional<String> idempotencyKey =
                    flaws.contains(Flaw.WRITER_CREATES_TWICE) ? Optional.empty() : Optional.of(record.idempotencyKey());
            String id = calls.call(() -> remote.create(
                    key,
                    idempotencyKey,
                    (String) record.fields().get("name"),
                    new BigDecimal(record.fields().get("balance").toString())));
            outcomes.add(
                    new WriteOutcome(record.idempotencyKey(), Optional.of(id), Optional.empty(), Optional.empty()));
        }
        return outcomes;
    }

    private static Optional<String> problem(OutboundRecord record) {
        if (!(record.fields().get("name") instanceof String name) || name.isBlank()) {
            return Optional.of("contact " + record.idempotencyKey() + " has no name; give it a non-empty 'name'");
        }
        Object balance = record.fields().get("balance");
        if (!(balance instanceof Number)) {
            return Optional.of("contact " + record.idempotencyKey() + " 'balance' must be a number, got " + balance);
        }
        return Optional.empty();
    }
}
