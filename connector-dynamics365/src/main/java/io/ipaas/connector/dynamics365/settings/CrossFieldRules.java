package io.ipaas.connector.dynamics365.settings;

import io.ipaas.connector.api.settings.SettingProblem;
import io.ipaas.connector.api.settings.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Rules that involve more than one setting, checked after every setting passed on its own. */
public final class CrossFieldRules {
    private CrossFieldRules() {}

    /**
     * Every cross-field problem among the values that are valid on their own; a rule whose inputs are missing is
     * skipped (the missing value is reported by the per-field check).
     */
    public static List<SettingProblem> check(Settings settings) {
        List<SettingProblem> problems = new ArrayList<>();
        boolean insecureAllowed =
                settings.has(BcSettings.ALLOW_INSECURE_HTTP) && settings.bool(BcSettings.ALLOW_INSECURE_HTTP);
        if (!insecureAllowed) {
            plainHttp(settings, BcSettings.API_URL, "the access token", problems);
            plainHttp(settings, BcSettings.AUTHORITY_URL, "the client secret and the tokens", problems);
        }
        Optional<String> separator = settings.optionalString(BcSettings.SALES_PRICE_FIELD_SEPARATOR);
        Optional<String> delimiter = settings.optionalString(BcSettings.SALES_PRICE_RECORD_DELIMITER);
        if (separator.isPresent() && delimiter.isPresent()) {
            priceSeparators(separator.get(), delimiter.get(), problems);
        }
        settings.optionalString(BcSettings.OAUTH_URL_TEMPLATE).ifPresent(template -> {
            for (String problem : OAuthUrlTemplate.problems(template)) {
                problems.add(new SettingProblem(BcSettings.OAUTH_URL_TEMPLATE, problem));
            }
        });
        if (settings.has(BcSettings.COMPANIES)) {
            companies(settings, problems);
        }
        Optional<String> grant = settings.optionalString(BcSettings.GRANT_TYPE);
        settings.optionalString(BcSettings.SCOPES).map(String::trim).ifPresent(scopes -> {
            if (scopes.isEmpty()) {
                problems.add(new SettingProblem(
                        BcSettings.SCOPES, "needs at least one scope, e.g. " + BcSettings.BC_DEFAULT_SCOPE));
            } else if (grant.isPresent() && !BcSettings.GRANT_AUTHORIZATION_CODE.equals(grant.get())) {
                for (String scope : scopes.split("\\s+")) {
                    if (!scope.endsWith("/.default")) {
                        problems.add(new SettingProblem(
                                BcSettings.SCOPES,
                                "client credentials accept only '<resource>/.default' scopes, got '" + scope + "'; use "
                                        + BcSettings.BC_DEFAULT_SCOPE));
                        break;
                    }
                }
            }
        });
        return problems;
    }

    /** Each company once: two units of one company would share its records under two names. */
    private static void companies(Settings settings, List<SettingProblem> problems) {
        java.util.Set<String> seen = new java.util.HashSet<>();
        settings.optionalString(BcSettings.COMPANY_NAME).ifPresent(seen::add);
        for (String company : settings.list(BcSettings.COMPANIES)) {
            if (!seen.add(company)) {
                problems.add(new SettingProblem(
                        BcSettings.COMPANIES,
                        "lists '" + company + "' twice (or again after " + BcSettings.COMPANY_NAME
                                + "); name each company once"));
                return;
            }
        }
    }

    /** Plain http is fine where nothing leaves the machine; anywhere else it hands credentials to the network. */
    private static void plainHttp(Settings settings, String key, String exposed, List<SettingProblem> problems) {
        settings.optionalString(key).ifPresent(url -> {
            URI uri;
            try {
                uri = new URI(url);
            } catch (URISyntaxException e) {
                return; // reported by the per-field check
            }
            if ("http".equalsIgnoreCase(uri.getScheme())
                    && uri.getHost() != null
                    && !Loopback.isLoopback(uri.getHost())) {
                problems.add(new SettingProblem(
                        key,
                        "uses plain http to " + uri.getHost() + ", which would send " + exposed
                                + " across the network unencrypted; use https, or set " + BcSettings.ALLOW_INSECURE_HTTP
                                + " to true for a test server on a network you trust"));
            }
        });
    }

    private static void priceSeparators(String separator, String delimiter, List<SettingProblem> problems) {
        if (separator.equals(delimiter)) {
            problems.add(new SettingProblem(
                    BcSettings.SALES_PRICE_RECORD_DELIMITER,
                    "must differ from salesPriceFieldSeparator ('" + separator
                            + "'), otherwise price rules cannot be told "
                            + "apart from their fields; pick e.g. '//' as delimiter and '|' as separator"));
        } else if (delimiter.contains(separator) || separator.contains(delimiter)) {
            problems.add(
                    new SettingProblem(
                            BcSettings.SALES_PRICE_RECORD_DELIMITER,
                            "'" + delimiter + "' and the field separator '" + separator
                                    + "' must not contain one another, "
                                    + "otherwise a rule boundary cannot be told from a field boundary; pick e.g. '//' and '|'"));
        }
    }
}
