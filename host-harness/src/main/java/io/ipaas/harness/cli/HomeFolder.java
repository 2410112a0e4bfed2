package io.ipaas.harness.cli;

import io.ipaas.harness.files.OwnerOnly;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The harness's home folder (store, key, log): created owner-only, and proven writable before a command reads or
 * writes anything there, so a read-only home is one line before any remote system is called, not a failed write
 * after it.
 */
final class HomeFolder {
    /** Names the harness writes into its home; a folder holding nothing else is the harness's to tighten. */
    private static final List<String> OWN_PREFIXES = List.of("store", "secret.key", "harness");

    private HomeFolder() {}

    /** Creates the home rwx------ if needed, tightens one that only the harness uses, and checks it is writable. */
    static Path prepare(Path home) {
        if (Files.exists(home) && !Files.isDirectory(home)) {
            throw UserFailure.badInput("the home folder " + home + " is a file, not a folder; pass --home DIR");
        }
        try {
            OwnerOnly.createFolder(home);
        } catch (IOException e) {
            throw UserFailure.badInput(
                    "cannot create the home folder " + home + " (" + reason(e) + "); create it, or pass --home DIR");
        }
        tightenIfOwn(home);
        probeWritable(home);
        return home;
    }

    private static void probeWritable(Path home) {
        try {
            Files.delete(Files.createTempFile(home, ".write-check-", ".tmp"));
        } catch (IOException e) {
            throw notWritable(home, e);
        }
        try (Stream<Path> entries = Files.list(home)) {
            for (Path entry : entries.toList()) {
                if (Files.isRegularFile(entry)
                        && ownName(entry)
                        && !entry.getFileName().toString().startsWith("secret.key")
                        && !Files.isWritable(entry)) {
                    throw UserFailure.badInput(entry + " in the home folder is not writable; make it writable"
                            + " (chmod u+w " + entry + "), or pass --home DIR");
                }
            }
        } catch (IOException e) {
            throw notWritable(home, e);
        }
    }

    private static UserFailure notWritable(Path home, IOException e) {
        return UserFailure.badInput("the home folder " + home + " is not writable (" + reason(e)
                + "); make it writable (chmod u+w " + home + "), or pass --home DIR");
    }

    /** A folder only the harness writes to is made owner-only; a folder that holds the user's files is left alone. */
    private static void tightenIfOwn(Path home) {
        try (Stream<Path> entries = Files.list(home)) {
            if (entries.allMatch(HomeFolder::ownName)) {
                OwnerOnly.restrict(home);
            }
        } catch (IOException ignored) {
            // the writability probe that follows names the folder's problem
        }
    }

    private static boolean ownName(Path entry) {
        String name = entry.getFileName().toString();
        return OWN_PREFIXES.stream().anyMatch(name::startsWith) || name.startsWith(".write-check-");
    }

    static String reason(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof NoSuchFileException) {
            return "no such folder";
        }
        if (e instanceof FileSystemException fileSystem && fileSystem.getReason() != null) {
            return fileSystem.getReason();
        }
        return e.getClass().getSimpleName();
    }
}
