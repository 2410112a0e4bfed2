package io.ipaas.harness.cli;

/** A failure the user caused and can fix: printed as one line, no stack trace, with its exit code. */
public final class UserFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int exitCode;

    public UserFailure(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public static UserFailure badInput(String message) {
        return new UserFailure(ExitCodes.BAD_INPUT, message);
    }

    public int exitCode() {
        return exitCode;
    }
}
