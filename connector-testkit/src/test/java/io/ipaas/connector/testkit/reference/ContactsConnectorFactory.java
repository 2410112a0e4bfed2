package io.ipaas.connector.testkit.reference;

import io.ipaas.connector.api.Connector;
import io.ipaas.connector.api.ConnectorContext;
import io.ipaas.connector.api.ConnectorFactory;
import io.ipaas.connector.api.ConnectorInfo;
import io.ipaas.connector.api.auth.AuthKind;
import io.ipaas.connector.api.entity.Direction;
import io.ipaas.connector.api.entity.EntityDescriptor;
import io.ipaas.connector.api.settings.SettingDefinition;
import io.ipaas.connector.api.settings.SettingGroup;
import io.ipaas.connector.api.settings.SettingType;
import io.ipaas.connector.api.settings.Settings;
import io.ipaas.connector.api.settings.SettingsSpec;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The reference connector: a small, well-behaved connector for an API-key contacts service, written only against
 * the SPI, with a poll source, a writer and a webhook sink. Built with {@link Flaw}s it becomes one of the broken
 * connectors the kit must fail.
 */
final class ContactsConnectorFactory implements ConnectorFactory {
    static final String ENTITY = "contacts";
    static final String API_KEY = "apiKey";
    static final String PAGE_SIZE = "pageSize";
    static final EntityDescriptor CONTACTS = new EntityDescriptor(
            ENTITY,
            "Contacts",
            List.of("id"),
            Optional.of("sequence"),
            Set.of(Direction.INBOUND, Direction.OUTBOUND),
            true);

    private final ContactsRemote remote;
    private final Set<Flaw> flaws;

    ContactsConnectorFactory(ContactsRemote remote, Set<Flaw> flaws) {
        this.remote = remote;
        this.flaws = flaws.isEmpty() ? EnumSet.noneOf(Flaw.class) : EnumSet.copyOf(flaws);
    }

    @Override
    public ConnectorInfo info() {
        return new ConnectorInfo(
                "reference-contacts",
                "Reference contacts",
                "1.0.0",
                "Reads and writes contacts of the in-memory contacts service the contract kit tests itself with.",
                Set.of(AuthKind.API_KEY),
                List.of(CONTACTS));
    }

    @Override
    public SettingsSpec settings() {
        return new SettingsSpec(
                List.of(new SettingGroup("connection", "Connection", 1)),
                List.of(
                        SettingDefinition.builder(API_KEY, SettingType.SECRET)
                                .title("API key")
                                .description("The key the contacts service issued for this integration.")
                                .required()
                                .group("connection", 1)
                                .build(),
                        SettingDefinition.builder(PAGE_SIZE, SettingType.INTEGER)
                                .title("Page size")
                                .description("Contacts fetched per request; the host's batch size caps it.")
                                .defaultValue(25)
                                .range(1, 500)
                                .group("connection", 2)
                                .build()),
                List.of(),
                List.of());
    }

    @Override
    public Connector open(Settings settings, ConnectorContext context) {
        String key = settings.secret(API_KEY).orElseThrow().reveal();
        if (flaws.contains(Flaw.OPEN_MAKES_A_REQUEST)) {
            remote.account(key);
        }
        return new ContactsConnector(remote, key, settings.integer(PAGE_SIZE), context, flaws);
    }
}
