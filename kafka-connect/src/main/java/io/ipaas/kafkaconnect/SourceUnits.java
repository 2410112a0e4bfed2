package io.ipaas.kafkaconnect;

import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.WorkUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.config.ConfigException;

/**
 * The units a source reads, as {@code ipaas.units} chooses them: what the source connector spreads over its tasks and
 * what the webhook relay subscribes for. Free of Connect's runtime types, so the relay runs with Kafka's client alone.
 */
final class SourceUnits {
    private SourceUnits() {}

    /** The ids of the units a source of this connection reads: those {@code ipaas.units} names, or all it can read. */
    static List<String> toRead(Connector connector, List<String> setting) {
        List<String> readable = new ArrayList<>();
        for (WorkUnit unit : connector.workUnits()) {
            if (connector.entity(unit).pollSource().isPresent()) {
                readable.add(unit.id());
            }
        }
        return chosen(setting, readable);
    }

    /** The units {@code ipaas.units} names, each one that can be read; all of them when it names none. */
    static List<String> chosen(List<String> setting, List<String> readable) {
        List<String> chosen = new ArrayList<>();
        for (String unit : setting) {
            String id = unit.trim();
            if (id.isEmpty()) {
                continue;
            }
            if (!readable.contains(id)) {
                throw new ConfigException(
                        AdapterConfig.UNITS, id, "not an entity this connector reads; it reads: " + readable);
            }
            if (!chosen.contains(id)) {
                chosen.add(id);
            }
        }
        return chosen.isEmpty() ? List.copyOf(readable) : List.copyOf(chosen);
    }
}
