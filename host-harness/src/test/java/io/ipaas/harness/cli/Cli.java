package io.ipaas.harness.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Runs the harness in-process and captures what it prints. */
record Cli(int exitCode, String out, String err) {

    static Cli run(Path home, String... args) {
        List<String> all = new ArrayList<>(List.of("--home", home.toString()));
        all.addAll(List.of(args));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = HarnessMain.run(all.toArray(String[]::new), new PrintWriter(out, true), new PrintWriter(err, true));
        return new Cli(code, out.toString(), err.toString());
    }

    /** The lines of stderr that are not blank. */
    List<String> errorLines() {
        return err.lines().filter(line -> !line.isBlank()).toList();
    }
}
