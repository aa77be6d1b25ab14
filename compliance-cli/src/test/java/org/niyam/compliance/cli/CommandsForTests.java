package org.niyam.compliance.cli;

import java.util.List;

/** The commands, for tests that look at all of them. */
final class CommandsForTests {

    private static final List<Command> ALL = List.of(new DemoCommand(), new AuditCommand(), new CheckCommand(),
            new ScenariosCommand(), new MonthlyReportCommand(), new CompletionCommand());

    private CommandsForTests() {
    }

    static Command named(String name) {
        return ALL.stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow();
    }
}
