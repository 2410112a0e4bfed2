package io.ipaas.connector.dynamics365.settings;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaas.connector.api.settings.SettingProblem;
import io.ipaas.connector.api.settings.SettingsSpec;
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
                "environment",
                "tenantId",
                "companyName",
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
                "pageSize");
        for (String key : expected) {
            assertTrue(SPEC.definition(key).isPresent(), key);
        }
        assertEquals(expected.size(), SPEC.definitions().size());
        assertEquals(
                List.of("initialSetup", "ongoingOperations", "highVolume"),
                SPEC.profiles().stream().map(p -> p.name()).toList());
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
}
