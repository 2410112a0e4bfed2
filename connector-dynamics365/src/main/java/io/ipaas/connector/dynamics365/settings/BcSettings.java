package io.ipaas.connector.dynamics365.settings;

import static io.ipaas.connector.api.settings.SettingType.BOOLEAN;
import static io.ipaas.connector.api.settings.SettingType.CHOICE;
import static io.ipaas.connector.api.settings.SettingType.INTEGER;
import static io.ipaas.connector.api.settings.SettingType.SECRET;
import static io.ipaas.connector.api.settings.SettingType.STRING;
import static io.ipaas.connector.api.settings.SettingType.STRING_LIST;
import static io.ipaas.connector.api.settings.SettingType.TEXT;
import static io.ipaas.connector.api.settings.SettingType.URL;

import io.ipaas.connector.api.settings.ConditionalRequirement;
import io.ipaas.connector.api.settings.SettingDefinition;
import io.ipaas.connector.api.settings.SettingGroup;
import io.ipaas.connector.api.settings.SettingsProfile;
import io.ipaas.connector.api.settings.SettingsSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The Business Central connector's settings, declared once; form, schema and validation derive from here. */
public final class BcSettings {
    public static final String API_URL = "apiUrl";
    public static final String AUTHORITY_URL = "authorityUrl";
    public static final String ALLOW_INSECURE_HTTP = "allowInsecureHttp";
    public static final String TENANT_ID = "tenantId";
    public static final String ENVIRONMENT = "environment";
    public static final String COMPANY_NAME = "companyName";
    public static final String COMPANIES = "companies";
    public static final String GRANT_TYPE = "grantType";
    public static final String CLIENT_ID = "clientId";
    public static final String CLIENT_SECRET = "clientSecret";
    public static final String CLIENT_CERTIFICATE = "clientCertificate";
    public static final String CLIENT_CERTIFICATE_PASSWORD = "clientCertificatePassword";
    public static final String ASSERTION_ALGORITHM = "assertionAlgorithm";
    public static final String SCOPES = "scopes";
    public static final String OAUTH_URL_TEMPLATE = "oauthUrlTemplate";
    public static final String TRANSFER_CUSTOMER_PRICE_GROUPS = "transferCustomerPriceGroups";
    public static final String SALES_CODES_FOR_CUSTOMER_PRICE = "salesCodesForCustomerPrice";
    public static final String SALES_PRICE_FIELD_SEPARATOR = "salesPriceFieldSeparator";
    public static final String SALES_PRICE_RECORD_DELIMITER = "salesPriceRecordDelimiter";
    public static final String EXCLUDE_EXPIRED_RULES = "excludeExpiredRules";
    public static final String PROCESS_COMPANY_RELATIONSHIP = "processCompanyRelationship";
    public static final String CONTACTS_ENDPOINT = "contactsEndpoint";
    public static final String ENABLE_COMPANY_HIERARCHY = "enableCompanyHierarchy";
    public static final String EXCLUDED_LINE_ITEM_SKUS = "excludedLineItemSkus";
    public static final String CUSTOM_API_PAGES = "customApiPages";
    public static final String TRANSACTION_POLL_SEARCH_DAYS = "transactionPollSearchDays";
    public static final String PROCESS_COMPANY_CREATION_IN_PREREQUISITE = "processCompanyCreationInPrerequisite";
    public static final String PULL_ITEM_VARIANTS = "pullItemVariants";
    public static final String PULL_SALES_SHIPMENT_LINES = "pullSalesShipmentLines";
    public static final String PULL_SALES_INVOICE_LINES = "pullSalesInvoiceLines";
    public static final String PAGE_SIZE = "pageSize";

    public static final String GRANT_CLIENT_CREDENTIALS = "client_credentials";
    public static final String GRANT_AUTHORIZATION_CODE = "authorization_code";
    public static final String GRANT_CLIENT_CERTIFICATE = "client_certificate";
    public static final String BC_DEFAULT_SCOPE = "https://api.businesscentral.dynamics.com/.default";
    /** BC online serves at most 20,000 entities per page. */
    public static final int MAX_PAGE_SIZE = 20_000;

    private static final String GUID_OR_DOMAIN =
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"
                    + "|(?=.{4,253}$)([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}";

    /** Appended to settings that no entity of this version reads, so nobody expects them to change a pull. */
    private static final SettingsSpec SPEC = build();

    private BcSettings() {}

    public static SettingsSpec spec() {
        return SPEC;
    }

    private static SettingsSpec build() {
        List<SettingGroup> groups = List.of(
                new SettingGroup("connection", "Business Central connection", 1),
                new SettingGroup("authentication", "Sign-in with Microsoft Entra ID", 2),
                new SettingGroup("sync", "What to pull and how", 3),
                new SettingGroup("customers", "Customers, contacts and companies", 4),
                new SettingGroup("pricing", "Customer prices", 5),
                new SettingGroup("transactions", "Invoices, shipments and orders", 6));

        List<SettingDefinition> definitions = List.of(
                SettingDefinition.builder(API_URL, URL)
                        .title("API URL")
                        .description(
                                "Base address of the Business Central API. Keep the default for Business Central online; "
                                        + "change it only for a sovereign cloud or a test server.")
                        .defaultValue("https://api.businesscentral.dynamics.com")
                        .group("connection", 1)
                        .advanced()
                        .build(),
                SettingDefinition.builder(AUTHORITY_URL, URL)
                        .title("Sign-in authority URL")
                        .description(
                                "Base address of Microsoft Entra ID, where tokens are requested. Keep the default unless "
                                        + "your tenant lives in a national cloud (for example https://login.microsoftonline.us).")
                        .defaultValue("https://login.microsoftonline.com")
                        .group("connection", 2)
                        .advanced()
                        .build(),
                SettingDefinition.builder(ALLOW_INSECURE_HTTP, BOOLEAN)
                        .title("Allow plain http")
                        .description(
                                "Off (the default): the API URL and the sign-in authority URL must use https, except on "
                                        + "this machine (localhost, 127.0.0.1, ::1), because over plain http the access token "
                                        + "and the client secret cross the network unencrypted. Turn it on only for a test "
                                        + "server on a network you trust.")
                        .defaultValue(false)
                        .group("connection", 3)
                        .advanced()
                        .build(),
                SettingDefinition.builder(TENANT_ID, STRING)
                        .title("Tenant ID")
                        .description(
                                "Your Microsoft Entra tenant: the Directory (tenant) ID GUID from the app registration's "
                                        + "Overview page, or a verified domain such as contoso.onmicrosoft.com.")
                        .required()
                        .pattern(GUID_OR_DOMAIN, "a tenant GUID or a verified domain name like contoso.onmicrosoft.com")
                        .example("6d2b4f1a-8c3e-4a7b-9e15-2f0c7d9a4b36")
                        .group("connection", 4)
                        .build(),
                SettingDefinition.builder(ENVIRONMENT, STRING)
                        .title("Environment")
                        .description(
                                "Name of the Business Central environment as shown in the admin center, e.g. 'production' "
                                        + "or 'sandbox'. Names are case-sensitive in URLs.")
                        .required()
                        .length(1, 100)
                        .pattern("[A-Za-z0-9_-]+", "letters, digits, '-' or '_' only")
                        .example("production")
                        .group("connection", 5)
                        .build(),
                SettingDefinition.builder(COMPANY_NAME, STRING)
                        .title("Company name")
                        .description(
                                "The company inside the environment to sync, spelled exactly as in Business Central "
                                        + "(for example 'CRONUS USA, Inc.'). If it is not found, the error lists the companies that exist.")
                        .required()
                        .length(1, 30)
                        .example("CRONUS USA, Inc.")
                        .group("connection", 6)
                        .build(),
                SettingDefinition.builder(COMPANIES, STRING_LIST)
                        .title("More companies")
                        .description(
                                "Further companies of the same environment to sync in this subscription, spelled as in "
                                        + "Business Central. Each keeps its own watermarks, webhook subscriptions and stored "
                                        + "records (collections named 'collection@company'); all share the sign-in and the "
                                        + "environment's request budget. Leave empty to sync only the company above.")
                        .length(1, 30)
                        .example("CRONUS Canada")
                        .group("connection", 6)
                        .build(),
                SettingDefinition.builder(GRANT_TYPE, CHOICE)
                        .title("Grant type")
                        .description(
                                "How the connector signs in. 'client_credentials' runs unattended as the app itself with a "
                                        + "client secret; 'client_certificate' does the same with a certificate instead of a secret (no "
                                        + "secret to expire or leak); both need the app on Business Central's 'Microsoft Entra "
                                        + "Applications' page. 'authorization_code' signs in once as a user and keeps the connection "
                                        + "alive with refresh tokens.")
                        .enumValues(GRANT_CLIENT_CREDENTIALS, GRANT_CLIENT_CERTIFICATE, GRANT_AUTHORIZATION_CODE)
                        .defaultValue(GRANT_CLIENT_CREDENTIALS)
                        .group("authentication", 1)
                        .build(),
                SettingDefinition.builder(CLIENT_ID, STRING)
                        .title("Client ID")
                        .description("The Application (client) ID GUID of your app registration in Microsoft Entra ID.")
                        .required()
                        .format("uuid")
                        .example("0f8e2b6c-4d1a-4c9e-b37f-5a2d8e6c1b90")
                        .group("authentication", 2)
                        .build(),
                SettingDefinition.builder(CLIENT_SECRET, SECRET)
                        .title("Client secret")
                        .description(
                                "The secret's VALUE from the app registration's 'Certificates & secrets' page (not its "
                                        + "Secret ID). Required for client credentials; optional for a user sign-in by a confidential "
                                        + "app. Stored encrypted and never shown again.")
                        .length(1, 1024)
                        .group("authentication", 3)
                        .visibleWhen(GRANT_TYPE, GRANT_CLIENT_CREDENTIALS, GRANT_AUTHORIZATION_CODE)
                        .build(),
                SettingDefinition.builder(CLIENT_CERTIFICATE, SECRET)
                        .title("Client certificate and private key")
                        .description(
                                "For 'client_certificate': the certificate uploaded to the app registration together with "
                                        + "its private key, either as PEM text (-----BEGIN CERTIFICATE----- and -----BEGIN PRIVATE KEY----- "
                                        + "or ENCRYPTED PRIVATE KEY blocks) or as a base64-encoded PKCS#12 (.pfx) file. Stored encrypted.")
                        .length(1, 65_536)
                        .group("authentication", 4)
                        .visibleWhen(GRANT_TYPE, GRANT_CLIENT_CERTIFICATE)
                        .build(),
                SettingDefinition.builder(CLIENT_CERTIFICATE_PASSWORD, SECRET)
                        .title("Certificate password")
                        .description(
                                "The password of the PKCS#12 file or of the encrypted private key; leave empty when the "
                                        + "key is not protected.")
                        .length(1, 1024)
                        .group("authentication", 5)
                        .visibleWhen(GRANT_TYPE, GRANT_CLIENT_CERTIFICATE)
                        .build(),
                SettingDefinition.builder(ASSERTION_ALGORITHM, CHOICE)
                        .title("Assertion signature")
                        .description(
                                "How the certificate signs the sign-in assertion: PS256 is what Microsoft documents today; "
                                        + "RS256 for older setups.")
                        .enumValues("PS256", "RS256")
                        .defaultValue("PS256")
                        .group("authentication", 6)
                        .visibleWhen(GRANT_TYPE, GRANT_CLIENT_CERTIFICATE)
                        .advanced()
                        .build(),
                SettingDefinition.builder(SCOPES, STRING)
                        .title("Scopes")
                        .description(
                                "Space-separated OAuth scopes to request. The default asks for every Business Central "
                                        + "permission granted to the app; for sign-in as a user, offline_access is added automatically.")
                        .defaultValue(BC_DEFAULT_SCOPE)
                        .group("authentication", 7)
                        .advanced()
                        .build(),
                SettingDefinition.builder(OAUTH_URL_TEMPLATE, TEXT)
                        .title("Authorization URL template")
                        .description(
                                "Used only with the authorization_code grant: the sign-in page address, with placeholders "
                                        + OAuthUrlTemplate.KNOWN_PLACEHOLDERS_TEXT
                                        + " that are filled in for each sign-in attempt.")
                        .defaultValue(OAuthUrlTemplate.DEFAULT)
                        .group("authentication", 8)
                        .visibleWhen(GRANT_TYPE, GRANT_AUTHORIZATION_CODE)
                        .advanced()
                        .build(),
                SettingDefinition.builder(PAGE_SIZE, INTEGER)
                        .title("Page size")
                        .description(
                                "Records requested per page (sent as 'Prefer: odata.maxpagesize'). Larger pages mean fewer "
                                        + "requests against Business Central's 6,000-requests-per-5-minutes limit; smaller pages "
                                        + "finish faster when a server is slow. Business Central allows at most 20,000.")
                        .defaultValue(1000)
                        .range(1, MAX_PAGE_SIZE)
                        .group("sync", 2)
                        .build(),
                SettingDefinition.builder(PULL_ITEM_VARIANTS, BOOLEAN)
                        .title("Pull item variants")
                        .description(
                                "When on, each item is read together with its variants (sizes, colours) in the same "
                                        + "request, and item variants can be pulled on their own as well.")
                        .defaultValue(true)
                        .group("sync", 3)
                        .build(),
                SettingDefinition.builder(CUSTOM_API_PAGES, STRING_LIST)
                        .title("Custom API pages")
                        .description("Entity sets of custom API pages to read as entities of their own, each as "
                                + "publisher/group/version/entitySet (for example contoso/commerce/v1.0/webCategories). "
                                + "Subscribing reads the route's $metadata for their key, fields and whether they carry "
                                + "lastModifiedDateTime (read incrementally) or not (read whole on every sync); map them "
                                + "with a mapping document of your own.")
                        .length(1, 200)
                        .pattern(
                                "[A-Za-z0-9]+/[A-Za-z0-9]+/(v[0-9]+\\.[0-9]+|beta)/[A-Za-z][A-Za-z0-9]*",
                                "publisher/group/version/entitySet, for example contoso/commerce/v1.0/webCategories")
                        .example("contoso/commerce/v1.0/webCategories")
                        .group("sync", 4)
                        .advanced()
                        .build(),
                SettingDefinition.builder(CONTACTS_ENDPOINT, STRING)
                        .title("Contacts endpoint")
                        .description(
                                "The API entity set the contacts entity reads: 'contacts' (BC's contact cards), 'customers' "
                                        + "(each customer is also the contact), or the entity set of a custom contacts API page "
                                        + "of the standard API.")
                        .defaultValue("contacts")
                        .pattern("[A-Za-z][A-Za-z0-9_]*", "an entity set name (letters, digits, '_')")
                        .group("customers", 1)
                        .advanced()
                        .build(),
                SettingDefinition.builder(PROCESS_COMPANY_RELATIONSHIP, BOOLEAN)
                        .title("Link people to their companies")
                        .description("When on, person contacts are linked to the company contact they belong to (the "
                                + "companyRelationships entity: RelationshipType 'Person', id companyId|personId).")
                        .defaultValue(false)
                        .group("customers", 2)
                        .build(),
                SettingDefinition.builder(ENABLE_COMPANY_HIERARCHY, BOOLEAN)
                        .title("Company hierarchy")
                        .description(
                                "When on, parent/child relationships between customer companies are carried over (the "
                                        + "companyHierarchy entity, from ParentCustomerNo_Hierarchy on the 'Customer Card' page; "
                                        + "cycles and missing parents are reported, never followed).")
                        .defaultValue(false)
                        .group("customers", 3)
                        .build(),
                SettingDefinition.builder(PROCESS_COMPANY_CREATION_IN_PREREQUISITE, BOOLEAN)
                        .title("Create missing companies first")
                        .description(
                                "When on, parent companies come before their children in the company hierarchy, so a "
                                        + "parent exists on the platform before any child names it; when off, the hierarchy "
                                        + "comes in customer-number order.")
                        .defaultValue(false)
                        .group("customers", 4)
                        .build(),
                SettingDefinition.builder(TRANSFER_CUSTOMER_PRICE_GROUPS, BOOLEAN)
                        .title("Transfer customer price groups")
                        .description(
                                "When on, the customer price groups are read (the customerPriceGroups entity, from "
                                        + "the ODataV4 page 'Customer Price Groups'). Which group each customer belongs to is not read by "
                                        + "this version yet (it needs the 'Customer Card' page).")
                        .defaultValue(false)
                        .group("pricing", 1)
                        .build(),
                SettingDefinition.builder(SALES_CODES_FOR_CUSTOMER_PRICE, STRING_LIST)
                        .title("Sales codes for customer prices")
                        .description("Price groups or customer numbers whose special prices are carried onto products. "
                                + "Leave empty to carry no customer-specific prices. Read from the ODataV4 page 'Sales Prices' "
                                + "(the itemPrices entity).")
                        .length(1, 20)
                        .example("RETAIL")
                        .group("pricing", 2)
                        .build(),
                SettingDefinition.builder(SALES_PRICE_FIELD_SEPARATOR, STRING)
                        .title("Price field separator")
                        .description(
                                "Characters placed between the fields of one price rule (code, minimum quantity, price, "
                                        + "dates) when prices are written into a single product field. Must differ from the record "
                                        + "delimiter and neither may contain the other. An item whose price values contain it "
                                        + "is quarantined with the value named, never written corrupted.")
                        .defaultValue("|")
                        .length(1, 5)
                        .group("pricing", 3)
                        .build(),
                SettingDefinition.builder(SALES_PRICE_RECORD_DELIMITER, STRING)
                        .title("Price record delimiter")
                        .description(
                                "Characters placed between two price rules in that product field. One character is "
                                        + "typical; short strings such as '//' are accepted as long as they cannot be confused "
                                        + "with the field separator.")
                        .defaultValue("//")
                        .length(1, 5)
                        .group("pricing", 4)
                        .build(),
                SettingDefinition.builder(EXCLUDE_EXPIRED_RULES, BOOLEAN)
                        .title("Skip expired prices")
                        .description("When on, price rules whose ending date has passed are left out (rules without an "
                                + "ending date are kept).")
                        .defaultValue(true)
                        .group("pricing", 5)
                        .build(),
                SettingDefinition.builder(TRANSACTION_POLL_SEARCH_DAYS, INTEGER)
                        .title("Look-back days for documents")
                        .description(
                                "How many days back the first pull of sales orders, invoices and shipments reaches (by "
                                        + "their last modification). After that the connector continues from where it stopped, "
                                        + "so this only matters for the first run and for a reset.")
                        .defaultValue(5)
                        .range(1, 3650)
                        .group("transactions", 1)
                        .build(),
                SettingDefinition.builder(PULL_SALES_INVOICE_LINES, BOOLEAN)
                        .title("Pull invoice lines")
                        .description(
                                "When on, invoices are read together with their lines in the same request; "
                                        + "an invoice whose lines Business Central cannot read is quarantined, the others carry on.")
                        .defaultValue(true)
                        .group("transactions", 2)
                        .build(),
                SettingDefinition.builder(PULL_SALES_SHIPMENT_LINES, BOOLEAN)
                        .title("Pull shipment lines")
                        .description(
                                "When on, shipments are read together with their lines in the same request; "
                                        + "a shipment whose lines Business Central cannot read is quarantined, the others carry on.")
                        .defaultValue(true)
                        .group("transactions", 3)
                        .build(),
                SettingDefinition.builder(EXCLUDED_LINE_ITEM_SKUS, STRING_LIST)
                        .title("Line items to leave out")
                        .description(
                                "Item numbers (for example shipping or fee items) whose lines are dropped from orders, "
                                        + "invoices and shipments before any mapping reads them.")
                        .length(1, 20)
                        .example("SHIPPING")
                        .group("transactions", 4)
                        .build());

        List<ConditionalRequirement> conditions = List.of(
                new ConditionalRequirement(GRANT_TYPE, GRANT_CLIENT_CREDENTIALS, List.of(CLIENT_SECRET)),
                new ConditionalRequirement(GRANT_TYPE, GRANT_CLIENT_CERTIFICATE, List.of(CLIENT_CERTIFICATE)));

        return new SettingsSpec(groups, definitions, conditions, profiles());
    }

    /**
     * The integration guide recommends "//" as both price field separator and record delimiter, which cannot
     * work (a rule boundary could not be told from a field boundary); every profile keeps "//" between rules and
     * takes the default "|" between fields, the nearest pair that can be parsed back.
     */
    private static final String GUIDE_SEPARATOR_NOTE = " Prices: '|' between fields and '//' between rules; the "
            + "guide suggests '//' for both, which cannot be parsed back, so the field separator stays '|'.";

    private static List<SettingsProfile> profiles() {
        Map<String, Object> initial = new LinkedHashMap<>();
        initial.put(PAGE_SIZE, 1000);
        initial.put(PULL_ITEM_VARIANTS, true);
        initial.put(TRANSACTION_POLL_SEARCH_DAYS, 30);
        initial.put(PULL_SALES_INVOICE_LINES, true);
        initial.put(PULL_SALES_SHIPMENT_LINES, true);
        initial.put(EXCLUDE_EXPIRED_RULES, false);
        initial.put(TRANSFER_CUSTOMER_PRICE_GROUPS, false);
        initial.put(PROCESS_COMPANY_RELATIONSHIP, false);
        initial.put(ENABLE_COMPANY_HIERARCHY, false);
        initial.put(PROCESS_COMPANY_CREATION_IN_PREREQUISITE, true);
        initial.put(SALES_PRICE_FIELD_SEPARATOR, "|");
        initial.put(SALES_PRICE_RECORD_DELIMITER, "//");
        Map<String, Object> ongoing = new LinkedHashMap<>();
        ongoing.put(PAGE_SIZE, 500);
        ongoing.put(PULL_ITEM_VARIANTS, true);
        ongoing.put(TRANSACTION_POLL_SEARCH_DAYS, 5);
        ongoing.put(PULL_SALES_INVOICE_LINES, true);
        ongoing.put(PULL_SALES_SHIPMENT_LINES, true);
        ongoing.put(EXCLUDE_EXPIRED_RULES, true);
        ongoing.put(SALES_PRICE_FIELD_SEPARATOR, "|");
        ongoing.put(SALES_PRICE_RECORD_DELIMITER, "//");
        Map<String, Object> highVolume = new LinkedHashMap<>();
        highVolume.put(PAGE_SIZE, 5000);
        highVolume.put(PULL_ITEM_VARIANTS, true);
        highVolume.put(TRANSACTION_POLL_SEARCH_DAYS, 2);
        highVolume.put(PULL_SALES_INVOICE_LINES, true);
        highVolume.put(PULL_SALES_SHIPMENT_LINES, false);
        highVolume.put(EXCLUDE_EXPIRED_RULES, true);
        highVolume.put(PROCESS_COMPANY_CREATION_IN_PREREQUISITE, false);
        highVolume.put(SALES_PRICE_FIELD_SEPARATOR, "|");
        highVolume.put(SALES_PRICE_RECORD_DELIMITER, "//");
        return List.of(
                new SettingsProfile(
                        "initialSetup",
                        "Initial setup",
                        "For the first load, as the integration guide recommends: documents from 30 days back (the "
                                + "guide suggests 10 to 30), expired price rules kept, price groups, contact relationships "
                                + "and the company hierarchy left for later, and a customer's missing company created "
                                + "first." + GUIDE_SEPARATOR_NOTE,
                        initial),
                new SettingsProfile(
                        "ongoingOperations",
                        "Ongoing operations",
                        "For everyday sync after the first load: a 5-day look-back for documents, moderate pages, "
                                + "expired price rules skipped." + GUIDE_SEPARATOR_NOTE,
                        ongoing),
                new SettingsProfile(
                        "highVolume",
                        "High volume",
                        "For large catalogues and many documents, as the integration guide recommends: a 2-day "
                                + "look-back (the guide suggests 1 to 2), no company creation ahead of customers, big "
                                + "pages to save requests against Business Central's rate limit, and shipment lines "
                                + "skipped." + GUIDE_SEPARATOR_NOTE,
                        highVolume));
    }
}
