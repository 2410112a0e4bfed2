package io.ipaas.harness.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.ipaas.harness.store.StoredRecord;
import io.ipaas.harness.store.Subscription;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(mixinStandardHelpOptions = true, name = "records", description = "Print stored mapped records of an entity.")
final class RecordsCommand implements Callable<Integer> {
    @ParentCommand
    HarnessMain main;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SUBSCRIPTION")
    String subscriptionId;

    @Parameters(index = "1", paramLabel = "ENTITY")
    String entity;

    @Option(names = "--limit", defaultValue = "20", description = "Most records to print (default: ${DEFAULT-VALUE}).")
    int limit;

    @Override
    public Integer call() throws JsonProcessingException {
        if (limit < 1) {
            throw UserFailure.badInput("--limit must be at least 1");
        }
        try (Harness harness = main.openWithoutKey()) {
            Subscription subscription = harness.subscription(subscriptionId);
            List<StoredRecord> records = harness.store().records(subscription.id(), entity, limit);
            var out = spec.commandLine().getOut();
            if (records.isEmpty()) {
                out.println("no stored " + entity + " records for " + subscription.id() + "; run: pull "
                        + subscription.id() + " " + entity);
            }
            print(records, out);
            return ExitCodes.OK;
        }
    }

    static void print(List<StoredRecord> records, java.io.PrintWriter out) throws JsonProcessingException {
        for (StoredRecord record : records) {
            out.println("# " + record.collection() + " -> " + record.target() + " " + record.key());
            out.println(SettingsFile.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(record.fields()));
        }
    }
}
