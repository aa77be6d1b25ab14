package org.niyam.compliance.cli;

/** The command line was used wrongly: an unknown option, a missing argument, a value that cannot be read. */
public final class UsageException extends RuntimeException {

    public UsageException(String message) {
        super(message);
    }
}
