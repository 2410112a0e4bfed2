package io.ipaas.harness.files;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.Set;

/**
 * Files and folders only their owner can read: created that way from the start (never world-readable for an
 * instant), and tightened when found looser. Where the file system has no POSIX permissions, nothing is changed.
 */
public final class OwnerOnly {
    public static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    public static final Set<PosixFilePermission> FOLDER = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OTHERS = EnumSet.of(
            PosixFilePermission.GROUP_READ,
            PosixFilePermission.GROUP_WRITE,
            PosixFilePermission.GROUP_EXECUTE,
            PosixFilePermission.OTHERS_READ,
            PosixFilePermission.OTHERS_WRITE,
            PosixFilePermission.OTHERS_EXECUTE);

    private OwnerOnly() {}

    /** Creates the folder (and missing parents) rwx------; an existing one is left as it is. */
    public static void createFolder(Path folder) throws IOException {
        if (Files.isDirectory(folder)) {
            return;
        }
        Path parent = folder.toAbsolutePath().getParent();
        if (parent != null && !Files.exists(parent)) {
            Files.createDirectories(parent);
        }
        try {
            Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(FOLDER));
        } catch (FileAlreadyExistsException raced) {
            if (!Files.isDirectory(folder)) {
                throw raced;
            }
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(folder);
        }
    }

    /** Creates an empty file rw------- unless it exists; returns whether it created it. */
    public static boolean createFile(Path file) throws IOException {
        try {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(FILE));
            return true;
        } catch (FileAlreadyExistsException exists) {
            return false;
        } catch (UnsupportedOperationException notPosix) {
            try {
                Files.createFile(file);
                return true;
            } catch (FileAlreadyExistsException exists) {
                return false;
            }
        }
    }

    /** Removes group and other permissions from an existing file or folder; returns whether it changed anything. */
    public static boolean restrict(Path path) throws IOException {
        Set<PosixFilePermission> permissions;
        try {
            permissions = Files.getPosixFilePermissions(path);
        } catch (UnsupportedOperationException notPosix) {
            return false;
        }
        Set<PosixFilePermission> tightened = EnumSet.noneOf(PosixFilePermission.class);
        tightened.addAll(permissions);
        if (!tightened.removeAll(OTHERS)) {
            return false;
        }
        Files.setPosixFilePermissions(path, tightened);
        return true;
    }
}
