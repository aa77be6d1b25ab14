package org.niyam.compliance.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.function.Predicate;
import org.slf4j.Logger;

/**
 * The {@code niyam} command's logging, set up in code: warnings and errors on standard error, one line each
 * ({@code WARN  o.n.c.e.ComplianceEngine - ...}), so that reports on standard output stay clean. Logback finds it
 * through {@code META-INF/services}. Reading a {@code logback.xml} loads Logback's XML configurator and the JDK's XML
 * parser, about 60 to 80 ms of a cold start of 0.8 s (docs/performance.md, cold start); this does the same in a few
 * classes. A configuration of one's own still wins: with {@code -Dlogback.configurationFile=...}, or a
 * {@code logback-test.xml} or {@code logback.xml} on the class path (the tests' configuration), Logback's own
 * configurators run as usual.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class CliLogging extends ContextAwareBase implements Configurator {

    private final Predicate<String> onClassPath;

    /** As Logback's service loader makes it: looks for configuration files on this class's class path. */
    public CliLogging() {
        this(name -> CliLogging.class.getClassLoader().getResource(name) != null);
    }

    CliLogging(Predicate<String> onClassPath) {
        this.onClassPath = onClassPath;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null || onClassPath.test("logback-test.xml")
                || onClassPath.test("logback.xml")) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayoutEncoder encoder = new PatternLayoutEncoder();
        encoder.setContext(context);
        encoder.setPattern("%-5level %logger{20} - %msg%n");
        encoder.start();
        ConsoleAppender<ILoggingEvent> stderr = new ConsoleAppender<>();
        stderr.setContext(context);
        stderr.setName("STDERR");
        stderr.setTarget("System.err");
        stderr.setEncoder(encoder);
        stderr.start();
        ch.qos.logback.classic.Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        root.setLevel(Level.WARN);
        root.addAppender(stderr);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }
}
