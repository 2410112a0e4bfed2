package io.ipaas.bcsandbox;

import io.ipaas.bcsandbox.data.Company;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

/**
 * Commands typed into a running standalone sandbox, one per line, so anyone can change data and inject trouble
 * while a connector reads it, without writing Java. Every command answers with one line.
 */
final class SandboxConsole {
    static final String HELP = String.join(
            "\n",
            "commands (company: usa or canada, default usa):",
            "  touch SET ID [company]          mark a record modified now (items, customers, salesOrders, ...)",
            "  create SET [company]            create a customer, contact, item or sales order",
            "  delete SET ID [company]         delete a record (no tombstone, as in BC)",
            "  fail STATUS COUNT               the next COUNT requests fail with STATUS (429, 500, 502, 503, 504, 408, 409)",
            "  retry-after SECONDS             Retry-After of failures injected from now on",
            "  slow MILLIS COUNT               the next COUNT requests are answered after MILLIS ms",
            "  truncate COUNT                  the next COUNT pages stop halfway",
            "  reset COUNT                     the next COUNT requests get their connection closed",
            "  deadlock COUNT                  the next COUNT writes answer 409 (another session holds the table)",
            "  fail-writes STATUS COUNT        the next COUNT writes fail with STATUS (a 5xx), nothing stored",
            "  timeout-after-create COUNT      the next COUNT requests creating a sales order store it, then drop",
            "  orders                          sales orders created through the API, and duplicates by external no.",
            "  stats                           API requests ($batch counted once), writes, batches, orders created",
            "  break-lines INVOICE_ID          that invoice's lines fail to read (mend-lines to undo)",
            "  mend-lines INVOICE_ID",
            "  clear                           drop every injected fault",
            "  help");

    private final BcSandbox sandbox;

    SandboxConsole(BcSandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** Runs one command line; returns what to print (one line, or the help). */
    String execute(String line) {
        List<String> words = List.of(line.trim().split("\\s+"));
        if (words.isEmpty() || words.get(0).isEmpty()) {
            return "";
        }
        try {
            return switch (words.get(0).toLowerCase(Locale.ROOT)) {
                case "help" -> HELP;
                case "touch" -> {
                    need(words, 3);
                    UUID id = UUID.fromString(words.get(2));
                    yield "touched " + words.get(1) + " " + id + ": lastModifiedDateTime "
                            + sandbox.touch(company(words, 3), words.get(1), id);
                }
                case "create" -> {
                    need(words, 2);
                    UUID company = company(words, 2);
                    UUID id = switch (words.get(1)) {
                        case "items" -> sandbox.createItem(company);
                        case "salesOrders" -> sandbox.createSalesOrder(company);
                        default -> sandbox.create(company, words.get(1));
                    };
                    yield "created " + words.get(1) + " " + id;
                }
                case "delete" -> {
                    need(words, 3);
                    UUID id = UUID.fromString(words.get(2));
                    UUID company = company(words, 3);
                    if (words.get(1).equals("items")) {
                        sandbox.deleteItem(company, id);
                    } else {
                        sandbox.delete(company, words.get(1), id);
                    }
                    yield "deleted " + words.get(1) + " " + id;
                }
                case "fail" -> {
                    need(words, 3);
                    sandbox.faults().failNext(count(words.get(2)), Integer.parseInt(words.get(1)));
                    yield "the next " + words.get(2) + " request(s) fail with " + words.get(1);
                }
                case "retry-after" -> {
                    need(words, 2);
                    sandbox.faults().retryAfterSeconds(Integer.parseInt(words.get(1)));
                    yield "Retry-After of injected failures: " + words.get(1) + " s";
                }
                case "slow" -> {
                    need(words, 3);
                    sandbox.faults().slowNext(count(words.get(2)), Duration.ofMillis(Long.parseLong(words.get(1))));
                    yield "the next " + words.get(2) + " request(s) wait " + words.get(1) + " ms";
                }
                case "truncate" -> {
                    need(words, 2);
                    sandbox.faults().truncateNext(count(words.get(1)));
                    yield "the next " + words.get(1) + " page(s) stop halfway";
                }
                case "reset" -> {
                    need(words, 2);
                    sandbox.faults().resetNext(count(words.get(1)));
                    yield "the next " + words.get(1) + " request(s) get their connection closed";
                }
                case "deadlock" -> {
                    need(words, 2);
                    sandbox.faults().deadlockNext(count(words.get(1)));
                    yield "the next " + words.get(1) + " write(s) answer 409";
                }
                case "fail-writes" -> {
                    need(words, 3);
                    sandbox.faults().failWritesNext(count(words.get(2)), Integer.parseInt(words.get(1)));
                    yield "the next " + words.get(2) + " write(s) fail with " + words.get(1);
                }
                case "timeout-after-create" -> {
                    need(words, 2);
                    sandbox.faults().timeoutAfterCreateNext(count(words.get(1)));
                    yield "the next " + words.get(1) + " request(s) creating a sales order get no answer";
                }
                case "orders" ->
                    "sales orders created through the API: " + sandbox.salesOrdersCreated()
                            + ", duplicates by external document number: " + sandbox.duplicateSalesOrders();
                case "stats" -> {
                    SandboxStats stats = sandbox.stats();
                    yield "API requests: " + stats.apiRequests() + " (" + stats.batches() + " $batch holding "
                            + stats.batchedRequests() + "), writes: " + stats.writes() + ", sales orders created: "
                            + sandbox.salesOrdersCreated() + ", duplicates by external document number: "
                            + sandbox.duplicateSalesOrders();
                }
                case "break-lines", "mend-lines" -> {
                    need(words, 2);
                    UUID invoice = UUID.fromString(words.get(1));
                    if (words.get(0).equalsIgnoreCase("break-lines")) {
                        sandbox.breakLines(BcSandbox.CRONUS_USA, invoice);
                    } else {
                        sandbox.mendLines(BcSandbox.CRONUS_USA, invoice);
                    }
                    yield words.get(0) + " " + invoice;
                }
                case "clear" -> {
                    sandbox.faults().clear();
                    yield "every injected fault dropped";
                }
                default -> "unknown command '" + words.get(0) + "'; type help";
            };
        } catch (IllegalArgumentException e) {
            return "error: " + e.getMessage() + " (type help)";
        }
    }

    private static void need(List<String> words, int count) {
        if (words.size() < count) {
            throw new IllegalArgumentException(words.get(0) + " needs " + (count - 1) + " argument(s)");
        }
    }

    private static int count(String text) {
        int count = Integer.parseInt(text);
        if (count < 0 || count > 1000) {
            throw new IllegalArgumentException("a count must be 0..1000, got " + text);
        }
        return count;
    }

    private UUID company(List<String> words, int index) {
        if (words.size() <= index) {
            return BcSandbox.CRONUS_USA;
        }
        String name = words.get(index).toLowerCase(Locale.ROOT);
        for (Company company : sandbox.companies()) {
            if (company.name().toLowerCase(Locale.ROOT).contains(name)) {
                return company.id();
            }
        }
        throw new IllegalArgumentException("no company '" + words.get(index) + "'");
    }
}
