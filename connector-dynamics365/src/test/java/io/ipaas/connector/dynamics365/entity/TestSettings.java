package io.ipaas.connector.dynamics365.entity;

import io.ipaas.connector.api.settings.Settings;
import io.ipaas.connector.dynamics365.settings.BcSettings;
import java.util.HashMap;
import java.util.Map;

/** Valid settings for unit tests that only read entity options; the values point nowhere. */
public final class TestSettings {
    private TestSettings() {}

    public static Settings with(Map<String, Object> overrides) {
        Map<String, Object> raw = new HashMap<>();
        raw.put(BcSettings.TENANT_ID, "6d2b4f1a-8c3e-4a7b-9e15-2f0c7d9a4b36");
        raw.put(BcSettings.ENVIRONMENT, "production");
        raw.put(BcSettings.COMPANY_NAME, "CRONUS USA, Inc.");
        raw.put(BcSettings.CLIENT_ID, "0f8e2b6c-4d1a-4c9e-b37f-5a2d8e6c1b90");
        raw.put(BcSettings.CLIENT_SECRET, "not-used");
        raw.putAll(overrides);
        return BcSettings.spec().parse(raw);
    }
}
