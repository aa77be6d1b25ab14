package org.niyam.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator.ExecutionStatus;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxy;
import ch.qos.logback.core.ConsoleAppender;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The {@code niyam} command's logging, set up in code (docs/performance.md, cold start). */
class CliLoggingTest {

    @Test
    void without_a_configuration_file_warnings_go_to_standard_error_one_line_each() {
        LoggerContext context = new LoggerContext();
        CliLogging logging = new CliLogging(name -> false);
        logging.setContext(context);

        assertThat(logging.configure(context)).isEqualTo(ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);

        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        assertThat(root.getLevel()).isEqualTo(Level.WARN);
        assertThat(context.getLogger("org.niyam.compliance.engine.ComplianceEngine").isInfoEnabled()).isFalse();
        ConsoleAppender<?> appender = (ConsoleAppender<?>) root.getAppender("STDERR");
        assertThat(appender.getTarget()).isEqualTo("System.err");
        assertThat(appender.isStarted()).isTrue();
    }

    /**
     * Drools logged, as an error on one line, the whole Java class it generated for a declared type that does not
     * compile ({@code declare Sub extends ComplaintReceived}); the pack's problem names the declaration instead.
     */
    @Test
    void drools_listing_of_generated_java_that_does_not_compile_is_not_logged() {
        LoggerContext context = new LoggerContext();
        CliLogging logging = new CliLogging(name -> false);
        logging.setContext(context);
        logging.configure(context);

        assertThat(context.getLogger("org.drools.model.codegen.execmodel.JavaParserCompiler").isErrorEnabled())
                .isFalse();
        // The rest of Drools speaks as before (an eval's advice).
        assertThat(context.getLogger("org.drools.base.rule.EvalCondition").isWarnEnabled()).isTrue();
    }

    /**
     * Drools' own warnings quote the DRL: an escape sequence in an eval's string literal erased the warning's line on
     * a terminal and wrote a line of its own. Escaped, as the command's own output is.
     */
    @Test
    void control_characters_in_a_logged_line_are_escaped() {
        LoggerContext context = new LoggerContext();
        CliLogging logging = new CliLogging(name -> false);
        logging.setContext(context);
        logging.configure(context);
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        @SuppressWarnings("unchecked")
        ConsoleAppender<ILoggingEvent> appender = (ConsoleAppender<ILoggingEvent>) root.getAppender("STDERR");
        Logger drools = context.getLogger("org.drools.base.reteoo.EvalCondition");
        String drl = "f($c, \"\u001b[2K\u001b[0GOK  policy.drl: reviewed pack, 0 rules\u001b[8m\")";
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), drools, Level.WARN,
                "In an eval expression [{}] : '$c' comes from previous pattern", null, new Object[] {drl});
        event.setThrowableProxy(new ThrowableProxy(new IllegalStateException("\u001b[2Kforged")));

        String line = new String(appender.getEncoder().encode(event), StandardCharsets.UTF_8);

        assertThat(line).doesNotContain("\u001b")
                .startsWith("WARN  o.d.b.r.EvalCondition - In an eval expression [f($c, \"\\u001b[2K\\u001b[0GOK  "
                        + "policy.drl: reviewed pack, 0 rules\\u001b[8m\")] : '$c' comes from previous pattern"
                        + System.lineSeparator() + "java.lang.IllegalStateException: \\u001b[2Kforged"
                        + System.lineSeparator() + "\tat ");
    }

    @Test
    void a_configuration_file_of_ones_own_wins() {
        for (String file : Set.of("logback.xml", "logback-test.xml")) {
            LoggerContext context = new LoggerContext();
            CliLogging logging = new CliLogging(file::equals);
            logging.setContext(context);

            assertThat(logging.configure(context)).as(file).isEqualTo(ExecutionStatus.INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("STDERR")).as(file).isNull();
        }
    }

    @Test
    void logback_finds_it_as_a_service() throws Exception {
        try (InputStream in = CliLogging.class.getResourceAsStream(
                "/META-INF/services/ch.qos.logback.classic.spi.Configurator")) {
            assertThat(new String(in.readAllBytes(), StandardCharsets.UTF_8).trim())
                    .isEqualTo(CliLogging.class.getName());
        }
    }
}
