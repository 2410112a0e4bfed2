package io.ipaas.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.ipaas.harness.store.PostgresServer;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --store jdbc:postgresql://…} end to end on a real PostgreSQL server: the whole demo (subscribe, sign-in
 * state, pulls of every entity, pushes with their outbox and links) keeps everything in the database, and a second
 * harness with another home folder but the same secret key reads the same subscription and records from it.
 */
class PostgresStoreCommandTest {
    @TempDir
    Path first;

    @TempDir
    Path second;

    @Test
    void twoHarnessesWithTheirOwnHomesShareOneDatabase() {
        String url = PostgresServer.shared().newDatabase();
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        Map<String, String> environment = new HashMap<>(System.getenv());
        environment.put("HARNESS_SECRET_KEY", Base64.getEncoder().encodeToString(key));

        Cli demo = Cli.runWith(environment, first, "--store", url, "demo", "--items", "60");
        assertEquals(0, demo.exitCode(), demo.err());
        assertTrue(demo.out().contains("Business Central created 2"), demo.out());
        Matcher subscription =
                Pattern.compile("records (sub-[a-z0-9]{8}) items").matcher(demo.out());
        assertTrue(subscription.find(), demo.out());
        String id = subscription.group(1);

        Cli records = Cli.runWith(environment, second, "--store", url, "records", id, "items", "--limit", "2");
        assertEquals(0, records.exitCode(), records.err());
        assertTrue(records.out().contains("-> product "), records.out());
        Cli status = Cli.runWith(environment, second, "--store", url, "status", id);
        assertEquals(0, status.exitCode(), status.err());
        assertTrue(status.out().contains(id + " (dynamics365, demo): ACTIVE"), status.out());
        // the secrets are in the database, sealed with the shared key: the second harness opens every one
        Cli secrets = Cli.runWith(environment, second, "--store", url, "secrets", "status");
        assertEquals(0, secrets.exitCode(), secrets.err());
        Matcher sealed = Pattern.compile(id + "[^:]*: (\\d+) sealed, (\\d+) open with this key")
                .matcher(secrets.out());
        assertTrue(sealed.find(), secrets.out());
        assertTrue(Integer.parseInt(sealed.group(1)) > 0, secrets.out());
        assertEquals(sealed.group(1), sealed.group(2), secrets.out());
    }

    @Test
    void aStoreThatIsNotPostgreSqlIsRefusedWithWhatToGive() {
        Cli refused = Cli.run(first, "--store", "jdbc:mysql://db/ipaas", "status", "sub-00000000");
        assertEquals(1, refused.exitCode(), refused.out());
        assertTrue(refused.err().contains("--store takes a PostgreSQL URL"), refused.err());
    }
}
