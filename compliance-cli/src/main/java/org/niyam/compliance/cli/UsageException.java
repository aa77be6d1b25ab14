package org.niyam.compliance.cli;

/** The command line was used wrongly: an unknown option, a missing argument, a value that cannot be read. */
public final class UsageException extends RuntimeException {

    /**
     * A usage error; the command line prints it after the command's name, then a hint to its help.
     *
     * @param message what is wrong, in the words of the command line: {@code unknown option --sinse; did you mean
     *                --since?}
     */
    public UsageException(String message) {
        super(message);
    }
}
