package io.ipaas.connector.dynamics365.odata;

/**
 * The cause of a REMOTE error that is Business Central's own answer (its logic or data refused a read), as
 * opposed to a misbehaving remote (a redirect, a malformed body): only the former is worth reading again in
 * smaller parts.
 */
public final class BcRefusal extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final transient BcError error;

    public BcRefusal(BcError error) {
        super(error.describe(), null, false, false);
        this.error = error;
    }

    public BcError error() {
        return error;
    }
}
