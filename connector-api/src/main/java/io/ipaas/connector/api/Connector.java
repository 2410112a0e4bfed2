package io.ipaas.connector.api;

import io.ipaas.connector.api.auth.AuthStrategy;
import io.ipaas.connector.api.entity.EntityAdapter;
import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.webhook.WebhookSink;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One opened, configured connection to a remote system, created by {@link ConnectorFactory#open}.
 *
 * <p>Thread-safe: the host may poll several entities concurrently. Closing is idempotent.
 */
public interface Connector extends AutoCloseable {

    /** The entities this connection can read or write, with their facets. */
    List<EntityAdapter> entities();

    /**
     * The parts of the remote system this connection keeps apart, each with its own entities, checkpoints and webhook
     * subscriptions (for an ERP: its companies). The first is the one {@link #entities()} and {@link #webhooks()}
     * serve; a connector with one scope keeps the default, a single unnamed scope.
     */
    default List<String> scopes() {
        return List.of("");
    }

    /**
     * The entities of one scope. Entities that are not scoped (one list for the whole remote system) belong to the
     * first scope only, so no two units read the same records.
     *
     * @throws ConnectorException UNSUPPORTED for a scope not in {@link #scopes()}
     */
    default List<EntityAdapter> entities(String scope) {
        if (scope.equals(scopes().get(0))) {
            return entities();
        }
        throw ConnectorException.unsupported(
                "scope '" + scope + "' is not offered by this connection; it offers: " + String.join(", ", scopes()));
    }

    /** Push notifications for one scope, when the remote system offers them. */
    default Optional<WebhookSink> webhooks(String scope) {
        return scope.equals(scopes().get(0)) ? webhooks() : Optional.empty();
    }

    /** Every (scope, entity) of this connection, scopes in order: what a host schedules and keeps state for. */
    default List<WorkUnit> workUnits() {
        List<WorkUnit> units = new java.util.ArrayList<>();
        List<String> scopes = scopes();
        for (int i = 0; i < scopes.size(); i++) {
            for (EntityAdapter adapter : entities(scopes.get(i))) {
                units.add(WorkUnit.of(scopes.get(i), adapter.descriptor().name(), i == 0));
            }
        }
        return List.copyOf(units);
    }

    /**
     * The unit with this id ({@code entity} or {@code entity@scope}).
     *
     * @throws ConnectorException UNSUPPORTED naming the units there are, when none has it
     */
    default WorkUnit workUnit(String id) {
        List<WorkUnit> units = workUnits();
        return units.stream()
                .filter(u -> u.id().equals(id))
                .findFirst()
                .orElseThrow(() ->
                        ConnectorException.unsupported("'" + id + "' is not an entity of this connection; it offers: "
                                + units.stream().map(WorkUnit::id).collect(java.util.stream.Collectors.joining(", "))));
    }

    /** The adapter of a unit's entity in the unit's scope. */
    default EntityAdapter entity(WorkUnit unit) {
        return entities(unit.scope()).stream()
                .filter(e -> e.descriptor().name().equals(unit.entity()))
                .findFirst()
                .orElseThrow(() -> ConnectorException.unsupported(
                        "entity '" + unit.entity() + "' is not offered in scope '" + unit.scope() + "'"));
    }

    /** Finds an entity by name. */
    default EntityAdapter entity(String name) {
        return entities().stream()
                .filter(e -> e.descriptor().name().equals(name))
                .findFirst()
                .orElseThrow(
                        () -> ConnectorException.unsupported("entity '" + name + "' is not offered by this connector"));
    }

    /** How this connection authenticates, and the interactive steps the host may need to drive. */
    AuthStrategy auth();

    /** Push notifications, when the remote system offers them. */
    default Optional<WebhookSink> webhooks() {
        return Optional.empty();
    }

    /**
     * Tests the connection end to end (credentials, addressing, permissions) with as few requests as possible.
     *
     * @return a summary for the user
     * @throws ConnectorException classified, with a remediation message naming the setting to fix
     */
    CheckResult check();

    /**
     * Counters since open, for progress displays and benchmarks, e.g. {@code http.requests} and
     * {@code auth.tokenRequests}. Keys are dotted, values monotonic.
     */
    default Map<String, Long> metrics() {
        return Map.of();
    }

    /** Releases resources. Idempotent, never throws a checked exception. */
    @Override
    void close();
}
