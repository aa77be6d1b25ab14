package org.niyam.compliance.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.PatternLayout;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.ConfiguratorRank;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.CoreConstants;
import ch.qos.logback.core.LayoutBase;
import ch.qos.logback.core.encoder.LayoutWrappingEncoder;
import ch.qos.logback.core.spi.ContextAwareBase;
import java.util.function.Predicate;
import org.niyam.compliance.report.TextReport;
import org.slf4j.Logger;

/**
 * The {@code niyam} command's logging, set up in code: warnings and errors on standard error, one line each
 * ({@code WARN  o.n.c.e.ComplianceEngine - ...}), so that reports on standard output stay clean. Logback finds it
 * through {@code META-INF/services}. Reading a {@code logback.xml} loads Logback's XML configurator and the JDK's XML
 * parser, about 60 to 80 ms of a cold start of 0.8 s (docs/performance.md, cold start); this does the same in a few
 * classes. A configuration of one's own still wins: with {@code -Dlogback.configurationFile=...}, or a
 * {@code logback-test.xml} or {@code logback.xml} on the class path (the tests' configuration), Logback's own
 * configurators run as usual. Control characters are escaped, as in the command's own output:
 * Drools' warnings quote the DRL, and an escape sequence in a rule's string literal could rewrite the terminal's line.
 */
@ConfiguratorRank(ConfiguratorRank.CUSTOM_HIGH_PRIORITY)
public final class CliLogging extends ContextAwareBase implements Configurator {

    private final Predicate<String> onClassPath;

    /** As Logback's service loader makes it: looks for configuration files on this class's class path. */
    public CliLogging() {
        this(name -> CliLogging.class.getClassLoader().getResource(name) != null);
    }

    /**
     * The package of Drools' compiler of the Java it generates from DRL (a package, not its class: the engine's
     * adapter alone names Drools' implementation classes, so that an upgrade of Drools breaks one place).
     */
    static final String GENERATED_JAVA = "org.drools.model.codegen.execmodel";

    CliLogging(Predicate<String> onClassPath) {
        this.onClassPath = onClassPath;
    }

    @Override
    public ExecutionStatus configure(LoggerContext context) {
        if (System.getProperty("logback.configurationFile") != null || onClassPath.test("logback-test.xml")
                || onClassPath.test("logback.xml")) {
            return ExecutionStatus.INVOKE_NEXT_IF_ANY;
        }
        PatternLayout head = new PatternLayout();
        head.setContext(context);
        head.setPattern("%-5level %logger{20} - %nopex");
        head.start();
        PrintableLayout layout = new PrintableLayout(head);
        layout.setContext(context);
        layout.start();
        LayoutWrappingEncoder<ILoggingEvent> encoder = new LayoutWrappingEncoder<>();
        encoder.setContext(context);
        encoder.setLayout(layout);
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
        // Its compiler logs the whole Java class Drools generated for a declared type that does not compile, on one
        // line; the error comes back as the pack's problem, at the declaration in the DRL file, as do the package's
        // other errors, which are its compile errors.
        context.getLogger(GENERATED_JAVA).setLevel(Level.OFF);
        return ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY;
    }

    /** One line a message, its control characters escaped; an exception's trace a line each, escaped the same. */
    static final class PrintableLayout extends LayoutBase<ILoggingEvent> {

        private final PatternLayout head;

        PrintableLayout(PatternLayout head) {
            this.head = head;
        }

        @Override
        public String doLayout(ILoggingEvent event) {
            StringBuilder line = new StringBuilder(TextReport.printable(head.doLayout(event)))
                    .append(TextReport.printable(event.getFormattedMessage())).append(CoreConstants.LINE_SEPARATOR);
            IThrowableProxy thrown = event.getThrowableProxy();
            if (thrown != null) {
                ThrowableProxyUtil.asString(thrown).lines()
                        .map(l -> l.startsWith("\t") ? "\t" + TextReport.printable(l.substring(1))
                                : TextReport.printable(l))
                        .forEach(l -> line.append(l).append(CoreConstants.LINE_SEPARATOR));
            }
            return line.toString();
        }
    }
}
