package io.ipaas.connector.dynamics365.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaas.connector.api.error.ConnectorException;
import io.ipaas.connector.api.error.ErrorKind;
import io.ipaas.connector.api.settings.SettingProblem;
import io.ipaas.connector.api.settings.SettingsProfile;
import io.ipaas.connector.api.settings.SettingsSpec;
import io.ipaas.connector.dynamics365.Dynamics365ConnectorFactory;
import io.ipaas.connector.testkit.TestConnectorContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BcSettingsTest {
    private static final SettingsSpec SPEC = BcSettings.spec();

    private static Map<String, Object> valid() {
        Map<String, Object> raw = new LinkedHashMap<>();
        raw.put("tenantId", "6d2b4f1a-8c3e-4a7b-9e15-2f0c7d9a4b36");
        raw.put("environment", "production");
        raw.put("companyName", "CRONUS USA, Inc.");
        raw.put("clientId", "0f8e2b6c-4d1a-4c9e-b37f-5a2d8e6c1b90");
        raw.put("clientSecret", "s3cr3t-value");
        return raw;
    }

    private static List<SettingProblem> problems(Map<String, Object> raw) {
        List<SettingProblem> problems = SPEC.validate(raw);
        return problems.isEmpty() ? CrossFieldRules.check(SPEC.parse(raw)) : problems;
    }

    @Test
    void everySettingOfTheInstallGuideAndThePeerConnectorExists() {
        List<String> expected = List.of(
                "apiUrl",
                "authorityUrl",
                "allowInsecureHttp",
                "environment",
                "tenantId",
                "companyName",
                "companies",
                "grantType",
                "clientId",
                "clientSecret",
                "clientCertificate",
                "clientCertificatePassword",
                "assertionAlgorithm",
                "scopes",
                "oauthUrlTemplate",
                "transferCustomerPriceGroups",
                "salesCodesForCustomerPrice",
                "salesPriceFieldSeparator",
                "salesPriceRecordDelimiter",
                "excludeExpiredRules",
                "processCompanyRelationship",
                "contactsEndpoint",
                "enableCompanyHierarchy",
                "excludedLineItemSkus",
                "transactionPollSearchDays",
                "processCompanyCreationInPrerequisite",
                "pullItemVariants",
                "pullSalesShipmentLines",
                "pullSalesInvoiceLines",
                "pageSize",
                "customApiPages");
        for (String key : expected) {
            assertTrue(SPEC.definition(key).isPresent(), key);
        }
        assertEquals(expected.size(), SPEC.definitions().size());
        assertEquals(
                List.of("initialSetup", "ongoingOperations", "highVolume"),
                SPEC.profiles().stream().map(p -> p.name()).toList());
    }

    @Test
    void eachCompanyIsNamedOnce() {
        Map<String, Object> raw = valid();
        raw.put("companies", List.of("CRONUS Canada", "O'Brien Supplies"));
        assertEquals(List.of(), problems(raw));
        raw.put("companies", List.of("CRONUS Canada", raw.get("companyName")));
        SettingProblem problem = problems(raw).get(0);
        assertEquals("companies", problem.key());
        assertTrue(problem.message().contains("twice"), problem.message());
    }

    @Test
    void certificateGrantNeedsACertificate() {
        Map<String, Object> raw = valid();
        raw.remove("clientSecret");
        raw.put("grantType", "client_certificate");
        assertEquals("clientCertificate", problems(raw).get(0).key());
    }

    @Test
    void minimalSettingsAreValidWithDefaults() {
        assertEquals(List.of(), problems(valid()));
        assertEquals(5, SPEC.parse(valid()).integer("transactionPollSearchDays"));
        assertEquals("contacts", SPEC.parse(valid()).string("contactsEndpoint"));
    }

    @Test
    void clientCredentialsNeedASecretButAuthorizationCodeDoesNot() {
        Map<String, Object> raw = valid();
        raw.remove("clientSecret");
        assertEquals("clientSecret", problems(raw).get(0).key());
        raw.put("grantType", "authorization_code");
        raw.put("scopes", "https://api.businesscentral.dynamics.com/Financials.ReadWrite.All");
        assertEquals(List.of(), problems(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"6d2b4f1a-8c3e-4a7b-9e15-2f0c7d9a4b36", "contoso.onmicrosoft.com", "cronus.com"})
    void tenantMayBeAGuidOrAVerifiedDomain(String tenant) {
        Map<String, Object> raw = valid();
        raw.put("tenantId", tenant);
        assertEquals(List.of(), problems(raw));
    }

    @ParameterizedTest
    @ValueSource(strings = {"not a tenant", "6d2b4f1a-8c3e-4a7b", "https://login.microsoftonline.com/x"})
    void badTenantIsRejectedWithTheRuleInWords(String tenant) {
        Map<String, Object> raw = valid();
        raw.put("tenantId", tenant);
        SettingProblem problem = problems(raw).get(0);
        assertEquals("tenantId", problem.key());
        assertTrue(problem.message().contains("verified domain"), problem.message());
    }

    @Test
    void separatorAndDelimiterMustDifferAndNotContainEachOther() {
        Map<String, Object> raw = valid();
        raw.put("salesPriceFieldSeparator", "/");
        raw.put("salesPriceRecordDelimiter", "//");
        SettingProblem problem = problems(raw).get(0);
        assertEquals("salesPriceRecordDelimiter", problem.key());
        assertTrue(problem.message().contains("contain"), problem.message());
        raw.put("salesPriceFieldSeparator", "//");
        assertTrue(problems(raw).get(0).message().contains("differ"));
        raw.put("salesPriceFieldSeparator", ";");
        assertEquals(List.of(), problems(raw));
    }

    @Test
    void templatePlaceholdersMustAllBeKnown() {
        Map<String, Object> raw = valid();
        raw.put("oauthUrlTemplate", OAuthUrlTemplate.DEFAULT.replace("{iPaaSState}", "{iPaaSStat}"));
        List<SettingProblem> found = problems(raw);
        assertTrue(
                found.stream()
                        .anyMatch(p -> p.key().equals("oauthUrlTemplate")
                                && p.message().contains("{iPaaSStat}")),
                found.toString());
        assertTrue(found.stream().anyMatch(p -> p.message().contains("must contain {iPaaSState}")), found.toString());
    }

    @Test
    void defaultTemplateExpandsEveryPlaceholderUrlEncoded() {
        String url = OAuthUrlTemplate.expand(
                OAuthUrlTemplate.DEFAULT,
                Map.of(
                        OAuthUrlTemplate.TENANT_ID, "contoso.onmicrosoft.com",
                        OAuthUrlTemplate.CLIENT_ID, "0f8e2b6c-4d1a-4c9e-b37f-5a2d8e6c1b90",
                        OAuthUrlTemplate.SCOPES, "https://api.businesscentral.dynamics.com/.default offline_access",
                        OAuthUrlTemplate.REDIRECT_URL, "http://127.0.0.1:8765/callback",
                        OAuthUrlTemplate.CODE_CHALLENGE, "abc_-123",
                        OAuthUrlTemplate.STATE, "st&te"));
        assertTrue(
                url.startsWith("https://login.microsoftonline.com/contoso.onmicrosoft.com/oauth2/v2.0/authorize?"),
                url);
        assertTrue(
                url.contains("scope=https%3A%2F%2Fapi.businesscentral.dynamics.com%2F.default%20offline_access"), url);
        assertTrue(url.contains("state=st%26te"), url);
        assertTrue(url.contains("redirect_uri=http%3A%2F%2F127.0.0.1%3A8765%2Fcallback"), url);
    }

    @Test
    void clientCredentialsRejectNonDefaultScopes() {
        Map<String, Object> raw = valid();
        raw.put("scopes", "https://api.businesscentral.dynamics.com/Financials.ReadWrite.All");
        assertEquals("scopes", problems(raw).get(0).key());
    }

    @Test
    void pageSizeIsCappedAtBusinessCentralsMaximum() {
        Map<String, Object> raw = valid();
        raw.put("pageSize", 20_001);
        assertEquals("pageSize", problems(raw).get(0).key());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://localhost:8080",
                "http://LOCALHOST",
                "http://127.0.0.1:8080",
                "http://127.5.6.7/bc",
                "http://[::1]:8080",
                "https://bc.example.com"
            })
    void plainHttpIsAcceptedOnThisMachineAndHttpsAnywhere(String url) {
        Map<String, Object> raw = valid();
        raw.put("apiUrl", url);
        raw.put("authorityUrl", url);
        assertEquals(List.of(), problems(raw));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {"http://bc.example.com", "http://10.0.0.5:8080", "http://127.0.0.1.example.com", "http://[::2]"})
    void plainHttpElsewhereIsOneProblemPerUrlNamingTheSetting(String url) {
        Map<String, Object> raw = valid();
        raw.put("apiUrl", url);
        raw.put("authorityUrl", url);
        List<SettingProblem> found = new Dynamics365ConnectorFactory().validateAll(raw);
        assertEquals(
                List.of("apiUrl", "authorityUrl"),
                found.stream().map(SettingProblem::key).toList(),
                found.toString());
        assertTrue(found.get(0).message().contains("access token"), found.get(0).message());
        assertTrue(
                found.get(0).message().contains("allowInsecureHttp"),
                found.get(0).message());
        assertTrue(
                found.get(1).message().contains("client secret"), found.get(1).message());
        raw.put("allowInsecureHttp", true);
        assertEquals(List.of(), problems(raw));
    }

    @Test
    void openingWithPlainHttpToAnotherHostIsAConfigurationErrorNamingTheUrl() {
        Map<String, Object> raw = valid();
        raw.put("apiUrl", "http://bc.example.com");
        Dynamics365ConnectorFactory factory = new Dynamics365ConnectorFactory();
        ConnectorException e = assertThrows(
                ConnectorException.class,
                () -> factory.open(factory.settings().parse(raw), TestConnectorContext.create()));
        assertEquals(ErrorKind.CONFIGURATION, e.kind());
        assertEquals("apiUrl", e.settingKey().orElseThrow());
    }

    @Test
    void everyProfileAppliedOverValidSettingsIsValid() {
        Dynamics365ConnectorFactory factory = new Dynamics365ConnectorFactory();
        for (SettingsProfile profile : SPEC.profiles()) {
            Map<String, Object> raw = valid();
            raw.putAll(profile.values());
            assertEquals(List.of(), factory.validateAll(raw), profile.name());
        }
    }

    @Test
    void initialSetupCarriesTheGuidesRecommendations() {
        Map<String, Object> initial = SPEC.profile("initialSetup").orElseThrow().values();
        assertEquals(false, initial.get("excludeExpiredRules"));
        assertEquals(false, initial.get("transferCustomerPriceGroups"));
        assertEquals(false, initial.get("processCompanyRelationship"));
        assertEquals(false, initial.get("enableCompanyHierarchy"));
        assertEquals(true, initial.get("processCompanyCreationInPrerequisite"));
        int days = (Integer) initial.get("transactionPollSearchDays");
        assertTrue(days >= 10 && days <= 30, "look-back " + days);
    }

    @Test
    void highVolumeCarriesTheGuidesRecommendations() {
        Map<String, Object> highVolume =
                SPEC.profile("highVolume").orElseThrow().values();
        assertEquals(false, highVolume.get("processCompanyCreationInPrerequisite"));
        int days = (Integer) highVolume.get("transactionPollSearchDays");
        assertTrue(days >= 1 && days <= 2, "look-back " + days);
    }

    @Test
    void theGuidesDoubleSlashForBothSeparatorsIsReplacedByTheNearestWorkingPairAndSaysWhy() {
        for (SettingsProfile profile : SPEC.profiles()) {
            assertEquals("//", profile.values().get("salesPriceRecordDelimiter"), profile.name());
            assertEquals("|", profile.values().get("salesPriceFieldSeparator"), profile.name());
            assertTrue(profile.description().contains("cannot be parsed back"), profile.description());
        }
    }

    /** A profile value for a setting nothing reads yet must say so in the setting, or users expect a change. */
    @Test
    void everyProfileValueIsReadOrItsSettingSaysWhenItTakesEffect() {
        List<String> read = List.of(
                "pageSize",
                "pullItemVariants",
                "transactionPollSearchDays",
                "pullSalesInvoiceLines",
                "pullSalesShipmentLines",
                "excludedLineItemSkus",
                "transferCustomerPriceGroups",
                "salesCodesForCustomerPrice",
                "salesPriceFieldSeparator",
                "salesPriceRecordDelimiter",
                "excludeExpiredRules",
                "processCompanyRelationship",
                "enableCompanyHierarchy",
                "processCompanyCreationInPrerequisite");
        for (SettingsProfile profile : SPEC.profiles()) {
            for (String key : profile.values().keySet()) {
                String description = SPEC.definition(key).orElseThrow().description();
                assertTrue(
                        read.contains(key) || description.contains("Not read by this version yet: takes effect with"),
                        profile.name() + " sets " + key + ": " + description);
            }
        }
    }
}
