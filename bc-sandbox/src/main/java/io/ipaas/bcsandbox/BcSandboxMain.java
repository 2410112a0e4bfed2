package io.ipaas.bcsandbox;

import java.util.concurrent.CountDownLatch;

/** Runs the sandbox standalone: {@code java -jar bc-sandbox.jar --port 8080 [--items N] [--seed N]}. */
public final class BcSandboxMain {
    private BcSandboxMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        BcSandbox.Builder builder = BcSandbox.builder();
        for (int i = 0; i < args.length; i++) {
            String option = args[i];
            if (option.equals("--help") || option.equals("-h")) {
                System.out.println("usage: java -jar bc-sandbox.jar [--port N] [--items N] [--variants N] [--seed N]");
                return;
            }
            if (i + 1 >= args.length) {
                fail("option " + option + " needs a value");
            }
            String value = args[++i];
            try {
                switch (option) {
                    case "--port" -> builder.port(Integer.parseInt(value));
                    case "--items" -> builder.items(Integer.parseInt(value));
                    case "--variants" -> builder.variantsPerItem(Integer.parseInt(value));
                    case "--seed" -> builder.seed(Long.parseLong(value));
                    default -> fail("unknown option " + option + "; try --help");
                }
            } catch (NumberFormatException e) {
                fail(option + " needs a whole number, got '" + value + "'");
            }
        }
        BcSandbox sandbox = builder.build().start();
        String base = sandbox.baseUri().toString();
        String root = base + "/v2.0/" + sandbox.tenantId() + "/" + sandbox.environment() + "/api/v2.0";
        System.out.println("Business Central sandbox listening on " + base);
        System.out.println("  tenant        " + sandbox.tenantId() + " (or cronus.onmicrosoft.com)");
        System.out.println("  environment   " + sandbox.environment());
        System.out.println("  client id     " + BcSandbox.DEFAULT_CLIENT_ID);
        System.out.println("  client secret " + BcSandbox.DEFAULT_CLIENT_SECRET + "  (a test credential of this emulator)");
        System.out.println("  companies     " + String.join(" | ", sandbox.companies().stream().map(c -> c.name() + " " + c.id()).toList()));
        System.out.println();
        System.out.println("  TOKEN=$(curl -s -d grant_type=client_credentials -d client_id=" + BcSandbox.DEFAULT_CLIENT_ID
                + " -d client_secret=" + BcSandbox.DEFAULT_CLIENT_SECRET
                + " --data-urlencode scope=https://api.businesscentral.dynamics.com/.default " + base + "/"
                + sandbox.tenantId() + "/oauth2/v2.0/token | sed 's/.*\"access_token\":\"\\([^\"]*\\)\".*/\\1/')");
        System.out.println("  curl -H \"Authorization: Bearer $TOKEN\" -H 'Prefer: odata.maxpagesize=5' '" + root
                + "/companies(" + BcSandbox.CRONUS_USA + ")/items?$expand=itemVariants'");
        new CountDownLatch(1).await();
    }

    private static void fail(String message) {
        System.err.println("bc-sandbox: " + message);
        System.exit(2);
    }
}
