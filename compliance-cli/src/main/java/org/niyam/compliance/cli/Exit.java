package org.niyam.compliance.cli;

/** The process exit codes of every command. */
public final class Exit {

    /** All compliant, all scenarios passed, the rules check out, or the help was shown. */
    public static final int OK = 0;
    /** The audit found something that needs attention, or a scenario failed. */
    public static final int FINDINGS = 1;
    /** Bad input (including lines rejected in lenient mode), broken rules, or a usage error. */
    public static final int BAD_INPUT = 2;

    private Exit() {
    }
}
