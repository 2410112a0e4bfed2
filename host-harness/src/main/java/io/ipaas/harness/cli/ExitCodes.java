package io.ipaas.harness.cli;

import io.ipaas.connector.api.error.ErrorKind;

/** The harness's exit codes. */
public final class ExitCodes {
    public static final int OK = 0;
    public static final int OTHER = 1;
    public static final int BAD_INPUT = 2;
    public static final int AUTHENTICATION = 3;
    public static final int REMOTE = 4;

    private ExitCodes() {}

    /** Exhaustive on purpose: a new error kind must be given an exit code before this compiles. */
    public static int of(ErrorKind kind) {
        return switch (kind) {
            case CONFIGURATION, DATA -> BAD_INPUT;
            case AUTHENTICATION, PERMISSION -> AUTHENTICATION;
            case TRANSIENT, REMOTE -> REMOTE;
            case UNSUPPORTED, INTERNAL -> OTHER;
        };
    }
}
