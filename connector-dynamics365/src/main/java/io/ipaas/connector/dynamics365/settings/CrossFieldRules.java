package io.ipaas.connector.dynamics365.settings;

import io.ipaas.connector.api.settings.SettingProblem;
import io.ipaas.connector.api.settings.Settings;
import java.util.ArrayList;
import java.util.List;

/** Rules that involve more than one setting, checked after every setting passed on its own. */
public final class CrossFieldRules {
    private CrossFieldRules() {}

    public static List<SettingProblem> check(Settings settings) {
        List<SettingProblem> problems = new ArrayList<>();
        String separator = settings.string(BcSettings.SALES_PRICE_FIELD_SEPARATOR);
        String delimiter = settings.string(BcSettings.SALES_PRICE_RECORD_DELIMITER);
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
        for (String problem : OAuthUrlTemplate.problems(settings.string(BcSettings.OAUTH_URL_TEMPLATE))) {
            problems.add(new SettingProblem(BcSettings.OAUTH_URL_TEMPLATE, problem));
        }
        String scopes = settings.string(BcSettings.SCOPES).trim();
        if (scopes.isEmpty()) {
            problems.add(new SettingProblem(
                    BcSettings.SCOPES, "needs at least one scope, e.g. " + BcSettings.BC_DEFAULT_SCOPE));
        }
        String grant = settings.string(BcSettings.GRANT_TYPE);
        if (!BcSettings.GRANT_AUTHORIZATION_CODE.equals(grant)) {
            for (String scope : scopes.split("\\s+")) {
                if (!scope.endsWith("/.default")) {
                    problems.add(new SettingProblem(
                            BcSettings.SCOPES,
                            "client credentials accept only '<resource>/.default' " + "scopes, got '" + scope
                                    + "'; use " + BcSettings.BC_DEFAULT_SCOPE));
                    break;
                }
            }
        }
        return problems;
    }
}
