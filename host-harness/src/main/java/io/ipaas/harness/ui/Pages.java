package io.ipaas.harness.ui;

import io.ipaas.harness.ui.UiBackend.DashboardView;
import io.ipaas.harness.ui.UiBackend.OutboxView;
import io.ipaas.harness.ui.UiBackend.PluginView;
import io.ipaas.harness.ui.UiBackend.Problem;
import io.ipaas.harness.ui.UiBackend.SubscribeResult;
import io.ipaas.harness.ui.UiBackend.SubscriptionView;
import io.ipaas.harness.ui.UiBackend.UnitView;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/** The UI's pages: subscriptions, plugins, the generated settings form, a subscription's dashboard. */
final class Pages {
    /** The integration guide's naming: "[Product Name] - [Environment/Purpose]". */
    static final Pattern SUBSCRIPTION_NAME = Pattern.compile("\\S.{0,60}\\S - \\S.{0,60}");

    private final UiBackend backend;
    /** Where the identity provider sends the browser back: this UI's /callback. */
    private final java.net.URI callback;

    Pages(UiBackend backend, java.net.URI callback) {
        this.backend = backend;
        this.callback = callback;
    }

    Response get(String path, Map<String, List<String>> query, String csrf) {
        if (path.equals("/")) {
            return Response.html(
                    200, overview(query.getOrDefault("note", List.of("")).get(0), csrf));
        }
        if (path.equals("/plugins")) {
            return Response.html(200, plugins());
        }
        if (path.startsWith("/new/")) {
            String plugin = segment(path, "/new/");
            return newSubscription(plugin, Map.of(), Map.of(), "", true, csrf, Optional.empty());
        }
        if (path.equals("/log")) {
            return Response.html(
                    200, log(query.getOrDefault("filter", List.of("")).get(0)));
        }
        if (path.startsWith("/subscriptions/") && path.endsWith("/mappings")) {
            String id = segment(path.substring(0, path.length() - "/mappings".length()), "/subscriptions/");
            return Response.html(200, mappings(id, csrf, Optional.empty(), Optional.empty(), Map.of()));
        }
        if (path.startsWith("/subscriptions/")) {
            return dashboard(
                    segment(path, "/subscriptions/"),
                    csrf,
                    query.getOrDefault("note", List.of("")).get(0));
        }
        return Response.html(404, Html.page("Not found", "<h1>Not found</h1><p><a href=\"/\">Back</a></p>"));
    }

    Response post(String path, Map<String, List<String>> form, String csrf) {
        if (path.startsWith("/new/")) {
            return subscribe(segment(path, "/new/"), form, csrf);
        }
        if (path.startsWith("/subscriptions/")) {
            String rest = segment(path, "/subscriptions/");
            int slash = rest.indexOf('/');
            if (slash > 0) {
                String id = rest.substring(0, slash);
                switch (rest.substring(slash + 1)) {
                    case "pause" -> backend.pause(id);
                    case "resume" -> backend.resume(id);
                    case "run" -> backend.runNow(id);
                    case "mappings/save" -> {
                        String document = first(form, "document");
                        Optional<String> problem = backend.saveMapping(id, document, first(form, "json"));
                        return Response.html(
                                problem.isEmpty() ? 200 : 422,
                                mappings(
                                        id,
                                        csrf,
                                        Optional.of(problem.map(p -> "✗ " + p).orElse("✓ " + document + " saved")),
                                        Optional.empty(),
                                        problem.isEmpty() ? Map.of() : Map.of(document, first(form, "json"))));
                    }
                    case "mappings/preview" -> {
                        UiBackend.Preview preview =
                                backend.preview(id, first(form, "collection"), first(form, "sample"));
                        return Response.html(
                                200,
                                mappings(
                                        id,
                                        csrf,
                                        Optional.empty(),
                                        Optional.of(preview),
                                        Map.of(
                                                "_collection",
                                                first(form, "collection"),
                                                "_sample",
                                                first(form, "sample"))));
                    }
                    case "retry" -> {
                        String outcome = backend.retry(id, first(form, "entity"), first(form, "key"));
                        return Response.redirect("/subscriptions/" + encode(id) + "?note=" + encode(outcome));
                    }
                    case "verify" -> {
                        return Response.html(200, verify(id));
                    }
                    case "connect" -> {
                        // a page that moves on by script: CSP's form-action would stop a redirect to another site
                        java.net.URI authorize = backend.beginSignIn(id, callback);
                        return Response.html(
                                200,
                                Html.page(
                                        "Sign in",
                                        "<h1>Sign in with Microsoft</h1><p>Taking you"
                                                + " to the sign-in page… <a id=\"continue\" data-follow href=\""
                                                + Html.escape(authorize) + "\">Continue</a></p>"));
                    }
                    default -> {
                        return Response.text(404, "no such action");
                    }
                }
                return Response.redirect("/subscriptions/" + encode(id));
            }
        }
        return Response.text(404, "no such form");
    }

    private static String first(Map<String, List<String>> form, String key) {
        return form.getOrDefault(key, List.of("")).get(0);
    }

    /**
     * The subscription's mapping documents, each editable and checked on save as subscribe checks them, and a
     * preview that maps a pasted sample record with one collection and stores nothing. {@code entered} keeps what the
     * user typed when a save failed, and the preview's choices.
     */
    private String mappings(
            String id,
            String csrf,
            Optional<String> saved,
            Optional<UiBackend.Preview> preview,
            Map<String, String> entered) {
        String action = "/subscriptions/" + encode(id) + "/mappings/";
        List<UiBackend.MappingView> documents = backend.mappings(id);
        StringBuilder html = new StringBuilder("<h1>Mappings</h1><p class=\"meta\"><code>")
                .append(Html.escape(id))
                .append("</code> · <a href=\"/subscriptions/")
                .append(Html.escape(encode(id)))
                .append("\">back to the subscription</a></p>");
        saved.ifPresent(text -> html.append("<p class=\"")
                .append(text.startsWith("✓") ? "note" : "error banner")
                .append("\" id=\"saved\">")
                .append(Html.escape(text))
                .append("</p>"));
        html.append("<h2>Preview</h2><form method=\"post\" action=\"")
                .append(Html.escape(action))
                .append("preview\" class=\"settings\">")
                .append(Html.csrfField(csrf))
                .append("<div class=\"field\"><label for=\"f-collection\">Collection</label>")
                .append("<select id=\"f-collection\" name=\"collection\">");
        for (UiBackend.MappingView document : documents) {
            for (String collection : document.collections()) {
                String name =
                        collection.contains(" (") ? collection.substring(0, collection.indexOf(" (")) : collection;
                html.append("<option value=\"")
                        .append(Html.escape(name))
                        .append("\"")
                        .append(name.equals(entered.get("_collection")) ? " selected" : "")
                        .append(">")
                        .append(Html.escape(collection))
                        .append("</option>");
            }
        }
        html.append("</select></div><div class=\"field\"><label for=\"f-sample\">Sample record (JSON)</label>")
                .append("<textarea id=\"f-sample\" name=\"sample\" rows=\"6\" class=\"code\">")
                .append(Html.escape(entered.getOrDefault("_sample", "{}")))
                .append("</textarea><p class=\"help\">The record as the collection reads it: the remote's JSON for an")
                .append(" inbound collection, a platform record for an outbound one. Nothing is stored or sent.</p>")
                .append("</div><button type=\"submit\" id=\"preview\">Preview</button></form>");
        preview.ifPresent(p -> html.append("<pre id=\"preview-output\" class=\"")
                .append(p.mapped() ? "mapped" : "refused")
                .append("\">")
                .append(Html.escape(p.output()))
                .append("</pre>"));
        html.append("<h2>Documents</h2>");
        for (UiBackend.MappingView document : documents) {
            html.append("<form method=\"post\" action=\"")
                    .append(Html.escape(action))
                    .append("save\" class=\"mapping\">")
                    .append(Html.csrfField(csrf))
                    .append("<input type=\"hidden\" name=\"document\" value=\"")
                    .append(Html.escape(document.name()))
                    .append("\"><h3>")
                    .append(Html.escape(document.name()))
                    .append("</h3><ul>");
            document.collections()
                    .forEach(c -> html.append("<li>").append(Html.escape(c)).append("</li>"));
            html.append("</ul><textarea name=\"json\" rows=\"14\" class=\"code\" id=\"doc-")
                    .append(Html.escape(document.name()))
                    .append("\">")
                    .append(Html.escape(entered.getOrDefault(document.name(), document.json())))
                    .append("</textarea><button type=\"submit\">Check and save</button></form>");
        }
        return Html.page("Mappings", html.toString());
    }

    private String verify(String id) {
        StringBuilder html = new StringBuilder("<h1>Verify installation</h1><p class=\"meta\"><code>")
                .append(Html.escape(id))
                .append("</code> · the integration guide's post-installation checks; the sample push is a dry run")
                .append("</p><ul class=\"checks\" id=\"checks\">");
        List<UiBackend.Check> checks = backend.verify(id);
        for (UiBackend.Check check : checks) {
            html.append("<li class=\"")
                    .append(check.passed() ? "passed" : "failed")
                    .append("\"><strong>")
                    .append(check.passed() ? "✓ " : "✗ ")
                    .append(Html.escape(check.name()))
                    .append("</strong> ")
                    .append(Html.escape(check.detail()))
                    .append("</li>");
        }
        long failed = checks.stream().filter(c -> !c.passed()).count();
        html.append("</ul><p class=\"")
                .append(failed == 0 ? "note" : "error banner")
                .append("\" id=\"verdict\">")
                .append(failed == 0 ? "Every check passed." : failed + " check(s) failed; each says why.")
                .append("</p><p><a class=\"button\" href=\"/subscriptions/")
                .append(Html.escape(encode(id)))
                .append("\">Back to the subscription</a></p>");
        return Html.page("Verify", html.toString());
    }

    private String log(String filter) {
        StringBuilder html = new StringBuilder("<h1>Log</h1><form method=\"get\" action=\"/log\" class=\"filter\">")
                .append(
                        "<input type=\"text\" name=\"filter\" id=\"filter\" placeholder=\"filter, e.g. a subscription id,")
                .append(" an entity or WARN\" value=\"")
                .append(Html.escape(filter))
                .append("\"><button type=\"submit\">Filter</button></form><pre id=\"log\">");
        List<String> lines = backend.log(filter, 500);
        lines.forEach(line -> html.append(Html.escape(line)).append('\n'));
        if (lines.isEmpty()) {
            html.append(filter.isEmpty() ? "(the log is empty)" : "(no line holds '" + Html.escape(filter) + "')");
        }
        return Html.page("Log", html.append("</pre>").toString());
    }

    /** The identity provider's answer: redeemed, and the outcome shown with the way back to the dashboard. */
    Response callback(Map<String, List<String>> query) {
        Map<String, String> parameters = new LinkedHashMap<>();
        query.forEach((key, values) -> parameters.put(key, values.get(0)));
        UiBackend.SignInResult result = backend.completeSignIn(parameters);
        String back = result.subscriptionId()
                .map(id -> "<p><a class=\"button\" id=\"back\" data-follow href=\"/subscriptions/"
                        + Html.escape(encode(id)) + "\">Back to the subscription</a></p>")
                .orElse("<p><a class=\"button\" href=\"/\">Back</a></p>");
        String body = result.connected()
                ? "<h1>Connected</h1><p class=\"note\">" + Html.escape(result.message()) + "</p>" + back
                : "<h1>Not connected</h1><p class=\"error banner\">" + Html.escape(result.message()) + "</p>"
                        + back.replace(" data-follow", "");
        return Response.html(result.connected() ? 200 : 400, Html.page("Sign in", body));
    }

    private static String segment(String path, String prefix) {
        return URLDecoder.decode(path.substring(prefix.length()), StandardCharsets.UTF_8);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private String overview(String note, String csrf) {
        StringBuilder html = new StringBuilder("<h1>Subscriptions</h1>");
        if (!note.isBlank()) {
            html.append("<p class=\"note\">").append(Html.escape(note)).append("</p>");
        }
        List<SubscriptionView> subscriptions = backend.subscriptions();
        if (subscriptions.isEmpty()) {
            html.append("<p>No subscription yet. Start one with a plugin below.</p>");
        } else {
            html.append("<table><thead><tr><th>Name</th><th>Plugin</th><th>State</th><th>Id</th></tr></thead><tbody>");
            for (SubscriptionView s : subscriptions) {
                html.append("<tr><td><a href=\"/subscriptions/")
                        .append(Html.escape(encode(s.id())))
                        .append("\">")
                        .append(Html.escape(s.name()))
                        .append("</a></td><td>")
                        .append(Html.escape(s.pluginId()))
                        .append("</td><td>")
                        .append(state(s.state()))
                        .append("</td><td><code>")
                        .append(Html.escape(s.id()))
                        .append("</code></td></tr>");
            }
            html.append("</tbody></table>");
        }
        html.append("<h2>New subscription</h2><div class=\"cards\">");
        for (PluginView plugin : backend.plugins()) {
            html.append("<a class=\"card\" href=\"/new/")
                    .append(Html.escape(encode(plugin.id())))
                    .append("\"><strong>")
                    .append(Html.escape(plugin.displayName()))
                    .append("</strong><span>")
                    .append(Html.escape(plugin.description()))
                    .append("</span></a>");
        }
        return Html.page("Subscriptions", html.append("</div>").toString());
    }

    private String plugins() {
        StringBuilder html = new StringBuilder("<h1>Plugins</h1><table><thead><tr><th>Plugin</th><th>Version</th>"
                + "<th>Entities</th><th>Sign-in</th></tr></thead><tbody>");
        for (PluginView plugin : backend.plugins()) {
            html.append("<tr><td><strong>")
                    .append(Html.escape(plugin.displayName()))
                    .append("</strong><br><code>")
                    .append(Html.escape(plugin.id()))
                    .append("</code></td><td>")
                    .append(Html.escape(plugin.version()))
                    .append("</td><td>")
                    .append(Html.escape(String.join(", ", plugin.entities())))
                    .append("</td><td>")
                    .append(Html.escape(String.join(", ", plugin.auth())))
                    .append("</td></tr>");
        }
        html.append("</tbody></table>");
        var problems = backend.pluginProblems();
        if (!problems.isEmpty()) {
            html.append("<h2>Not loaded</h2><ul class=\"problems\">");
            problems.forEach(p -> html.append("<li><code>")
                    .append(Html.escape(p.jar()))
                    .append("</code>: ")
                    .append(Html.escape(p.reason()))
                    .append("</li>"));
            html.append("</ul>");
        }
        return Html.page("Plugins", html.toString());
    }

    private Response newSubscription(
            String pluginId,
            Map<String, Object> values,
            Map<String, List<String>> errors,
            String name,
            boolean defaultMappings,
            String csrf,
            Optional<String> general) {
        Optional<PluginView> plugin =
                backend.plugins().stream().filter(p -> p.id().equals(pluginId)).findFirst();
        if (plugin.isEmpty()) {
            return Response.html(404, Html.page("Not found", "<h1>No plugin '" + Html.escape(pluginId) + "'</h1>"));
        }
        SettingsForm form = new SettingsForm(backend.settingsSchema(pluginId));
        StringBuilder html = new StringBuilder("<h1>New subscription: ")
                .append(Html.escape(plugin.get().displayName()))
                .append("</h1>");
        general.ifPresent(text -> html.append("<p class=\"error banner\">")
                .append(Html.escape(text))
                .append("</p>"));
        if (!errors.isEmpty()) {
            html.append("<p class=\"error banner\">")
                    .append(errors.size())
                    .append(errors.size() == 1 ? " setting needs" : " settings need")
                    .append(" a change; each is marked below.</p>");
        }
        html.append("<form method=\"post\" action=\"/new/")
                .append(Html.escape(encode(pluginId)))
                .append("\" class=\"settings\" autocomplete=\"off\">")
                .append(Html.csrfField(csrf));
        html.append("<div class=\"profiles\"><span>Start from a profile:</span>")
                .append(form.profiles())
                .append("</div>");
        html.append("<fieldset class=\"group\"><legend>Subscription</legend>");
        List<String> nameErrors = errors.getOrDefault("_name", List.of());
        html.append("<div class=\"field")
                .append(nameErrors.isEmpty() ? "" : " invalid")
                .append("\"><label for=\"f-_name\">Name <span class=\"required\">*</span></label>")
                .append("<input type=\"text\" id=\"f-_name\" name=\"_name\" value=\"")
                .append(Html.escape(name))
                .append("\" placeholder=\"")
                .append(Html.escape(plugin.get().displayName()))
                .append(" - Production\">");
        nameErrors.forEach(e -> html.append("<p class=\"error\" id=\"error-_name\">")
                .append(Html.escape(e))
                .append("</p>"));
        html.append("<p class=\"help\">As the integration guide names them: [Product Name] - [Environment/Purpose],"
                + " e.g. 'Business Central - Production'.</p></div>");
        html.append("<div class=\"field\"><input type=\"hidden\" name=\"_defaultMappings\" value=\"false\">")
                .append("<label class=\"check\"><input type=\"checkbox\" id=\"f-_defaultMappings\"")
                .append(" name=\"_defaultMappings\" value=\"true\"")
                .append(defaultMappings ? " checked" : "")
                .append("> Create default mappings</label><p class=\"help\">The plugin's ready-made mappings"
                        + " to the platform's model; leave off to build your own.</p></div></fieldset>");
        html.append(form.fields(values, errors));
        html.append("<div class=\"actions\"><button type=\"submit\" class=\"primary\" id=\"subscribe\">"
                + "Check the connection and subscribe</button></div></form>");
        return Response.html(
                errors.isEmpty() && general.isEmpty() ? 200 : 422, Html.page("New subscription", html.toString()));
    }

    private Response subscribe(String pluginId, Map<String, List<String>> posted, String csrf) {
        Map<String, Object> schema = backend.settingsSchema(pluginId);
        Map<String, Object> raw = new SettingsForm(schema).values(posted);
        String name = posted.getOrDefault("_name", List.of("")).get(0).strip();
        List<String> mappings = posted.getOrDefault("_defaultMappings", List.of("true"));
        boolean defaultMappings = Boolean.parseBoolean(mappings.get(mappings.size() - 1));
        Map<String, List<String>> errors = new LinkedHashMap<>();
        if (!SUBSCRIPTION_NAME.matcher(name).matches()) {
            errors.put(
                    "_name",
                    List.of("name it '[Product Name] - [Environment/Purpose]', e.g. 'Business Central"
                            + " - Production'"));
        }
        Optional<String> general = Optional.empty();
        if (errors.isEmpty()) {
            SubscribeResult result = backend.subscribe(pluginId, name, raw, defaultMappings);
            if (result.id().isPresent()) {
                return Response.redirect("/subscriptions/" + encode(result.id().get()) + "?created=1");
            }
            List<String> unplaced = new ArrayList<>();
            for (Problem problem : result.problems()) {
                if (problem.key().isEmpty() || !schemaHas(schema, problem.key())) {
                    unplaced.add(problem.message());
                } else {
                    errors.computeIfAbsent(problem.key(), k -> new ArrayList<>())
                            .add(problem.message());
                }
            }
            if (!unplaced.isEmpty()) {
                general = Optional.of(String.join("; ", unplaced));
            }
        }
        return newSubscription(pluginId, raw, errors, name, defaultMappings, csrf, general);
    }

    @SuppressWarnings("unchecked")
    private static boolean schemaHas(Map<String, Object> schema, String key) {
        return ((Map<String, Object>) schema.getOrDefault("properties", Map.of())).containsKey(key);
    }

    private Response dashboard(String id, String csrf, String note) {
        Optional<DashboardView> found = backend.dashboard(id);
        if (found.isEmpty()) {
            return Response.html(404, Html.page("Not found", "<h1>No subscription '" + Html.escape(id) + "'</h1>"));
        }
        DashboardView view = found.get();
        SubscriptionView s = view.subscription();
        String action = "/subscriptions/" + encode(s.id()) + "/";
        StringBuilder html = new StringBuilder("<h1>")
                .append(Html.escape(s.name()))
                .append(" ")
                .append(state(s.state()))
                .append("</h1><p class=\"meta\"><code>")
                .append(Html.escape(s.id()))
                .append("</code> · ")
                .append(Html.escape(s.pluginId()))
                .append("</p>");
        if (!note.isBlank()) {
            html.append("<p class=\"note\" id=\"outcome\">")
                    .append(Html.escape(note))
                    .append("</p>");
        }
        if (!view.whatToDo().isEmpty()) {
            html.append("<p class=\"note\">")
                    .append(Html.escape(view.whatToDo()))
                    .append("</p>");
        }
        html.append("<p class=\"meta\" id=\"sign-in\">Sign-in: ")
                .append(Html.escape(view.signIn()))
                .append("</p>");
        html.append("<div class=\"toolbar\">");
        if (view.interactive()) {
            html.append(Html.button(action + "connect", csrf, "Connect (sign in)", "primary"));
        }
        html.append(Html.button(action + "run", csrf, "Run now", view.interactive() ? "" : "primary"));
        html.append(Html.button(action + "verify", csrf, "Verify installation", ""));
        html.append("<a class=\"button\" href=\"/subscriptions/")
                .append(Html.escape(encode(s.id())))
                .append("/mappings\">Mappings</a>");
        html.append(
                s.state().equals("PAUSED")
                        ? Html.button(action + "resume", csrf, "Resume", "")
                        : Html.button(action + "pause", csrf, "Pause", ""));
        html.append("<a class=\"button\" href=\"/subscriptions/")
                .append(Html.escape(encode(s.id())))
                .append("\">Refresh</a></div>");
        html.append("<h2>Entities</h2>");
        if (view.units().isEmpty()) {
            html.append("<p>Not served yet: the next pass of serve sets each entity up.</p>");
        } else {
            html.append("<table id=\"units\"><thead><tr><th>Entity</th><th>Mode</th><th>Watermark</th>"
                    + "<th>Last run</th><th>Records</th><th>Stored</th><th>Quarantined</th><th>Webhook</th>"
                    + "<th>Last error</th></tr></thead><tbody>");
            for (UnitView unit : view.units()) {
                html.append("<tr data-unit=\"")
                        .append(Html.escape(unit.id()))
                        .append("\"><td>")
                        .append(Html.escape(unit.id()))
                        .append("</td><td title=\"")
                        .append(Html.escape(unit.reason()))
                        .append("\"><span class=\"mode ")
                        .append(Html.escape(unit.mode()))
                        .append("\">")
                        .append(Html.escape(unit.mode()))
                        .append("</span></td><td>")
                        .append(Html.escape(unit.watermark()))
                        .append("</td><td>")
                        .append(time(unit.lastRun()))
                        .append("</td><td class=\"records\">")
                        .append(unit.lastRecords().map(String::valueOf).orElse("—"))
                        .append("</td><td class=\"stored\">")
                        .append(unit.stored())
                        .append("</td><td>")
                        .append(unit.quarantined())
                        .append("</td><td>")
                        .append(
                                unit.mode().equals("webhook")
                                        ? "expires " + time(unit.webhookExpires()) + "<br>last notice "
                                                + time(unit.lastNotice()) + "<br>" + unit.openNotices() + " open"
                                        : "—")
                        .append("</td><td class=\"error\" title=\"")
                        .append(Html.escape(unit.lastError().orElse("")))
                        .append("\">")
                        .append(Html.escape(abbreviate(unit.lastError().orElse(""), 140)))
                        .append("</td></tr>");
            }
            html.append("</tbody></table>");
        }
        html.append("<h2>Records and requests, last day</h2>").append(RunChart.svg(view.runs(), Instant.now()));
        html.append("<h2>Outbox</h2>");
        if (view.outbox().isEmpty()) {
            html.append("<p>Nothing waits to be sent again.</p>");
        } else {
            html.append("<table><thead><tr><th>Entity</th><th>Record</th><th>Status</th><th>Attempts</th>"
                    + "<th>Error</th><th></th></tr></thead><tbody>");
            for (OutboxView entry : view.outbox()) {
                html.append("<tr><td>")
                        .append(Html.escape(entry.entity()))
                        .append("</td><td><code>")
                        .append(Html.escape(entry.key()))
                        .append("</code></td><td>")
                        .append(Html.escape(entry.status()))
                        .append("</td><td>")
                        .append(entry.attempts())
                        .append("</td><td>")
                        .append(Html.escape(entry.error()))
                        .append("</td><td><form method=\"post\" class=\"inline\" action=\"")
                        .append(Html.escape(action))
                        .append("retry\">")
                        .append(Html.csrfField(csrf))
                        .append("<input type=\"hidden\" name=\"entity\" value=\"")
                        .append(Html.escape(entry.entity()))
                        .append("\"><input type=\"hidden\" name=\"key\" value=\"")
                        .append(Html.escape(entry.key()))
                        .append("\"><button type=\"submit\">Retry now</button></form></td></tr>");
            }
            html.append("</tbody></table>");
        }
        return Response.html(200, Html.page(s.name(), html.toString()));
    }

    /** Long errors fit the table; the whole text is the cell's title. */
    private static String abbreviate(String text, int length) {
        return text.length() <= length ? text : text.substring(0, length - 1) + "…";
    }

    private static String time(Optional<Instant> instant) {
        return instant.map(i -> "<time datetime=\"" + i + "\">"
                        + Html.escape(i.toString().replace('T', ' ')) + "</time>")
                .orElse("—");
    }

    private static String state(String state) {
        return "<span class=\"state " + Html.escape(state.toLowerCase(java.util.Locale.ROOT)) + "\">"
                + Html.escape(state) + "</span>";
    }
}
