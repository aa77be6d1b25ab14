package org.niyam.compliance.benchmarks;

import java.lang.management.ManagementFactory;
import java.time.OffsetDateTime;
import java.util.List;
import org.niyam.compliance.engine.ComplianceEngine;
import org.niyam.compliance.india.ComplaintCategory;
import org.niyam.compliance.india.ComplaintReceived;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.india.PlatformProfile;
import org.niyam.compliance.model.Report;
import org.niyam.compliance.pack.RulePack;

/**
 * Run in a fresh JVM (by {@link Benchmark}, and many times by {@code benchmarks/cold-start.sh}): builds an engine,
 * evaluates one complaint, and prints how long after the JVM started the engine was ready, in wall time and in CPU
 * time, as {@code mode=... ready-ms=... ready-cpu-ms=... main-cpu-ms=... build-ms=... first-evaluation-ms=...}.
 *
 * <p>The argument says which engine: {@code india} (the default), the India pack alone; {@code user}, the India pack
 * with a small user pack beside it (restricted, as {@link RulePack#drl} makes it); {@code user-unrestricted}, the
 * same user pack, trusted. {@code ready-ms} is the JVM's uptime when {@code build()} returned; {@code ready-cpu-ms}
 * the CPU time of the whole process until then (every thread: the JIT compilers, the garbage collector and the
 * engine's own threads); {@code main-cpu-ms} that of the main thread alone. With the system property
 * {@value #CACHE_PROPERTY} naming a directory, the engine keeps the user pack's compiled model there
 * ({@link ComplianceEngine.Builder#compiledModelCache}): the first start compiles it, later ones load it.
 */
public final class ColdStart {

    /** A user pack of one rule, the size of a first pack of one's own. */
    static final String USER_PACK = """
            package org.example.ours;

            import org.niyam.compliance.india.ComplaintReceived;

            rule "ours-complaint-seen" @citation("Our policy 1")
            when
                ComplaintReceived( $c : caseId )
            then
            end
            """;

    /** A directory for {@link ComplianceEngine.Builder#compiledModelCache}, when set: the user pack is cached there. */
    static final String CACHE_PROPERTY = "niyam.cold-start.cache";

    private ColdStart() {
    }

    public static void main(String[] args) {
        String mode = args.length == 0 ? "india" : args[0];
        long start = System.nanoTime();
        ComplianceEngine.Builder builder = ComplianceEngine.builder()
                .rulePack(RulePack.classpath("org/niyam/compliance/rules/india"));
        String cache = System.getProperty(CACHE_PROPERTY, "");
        if (!cache.isEmpty()) {
            builder.compiledModelCache(java.nio.file.Path.of(cache));
        }
        switch (mode) {
            case "india" -> { }
            case "user" -> builder.rulePack(RulePack.drl("ours.drl", USER_PACK));
            case "user-unrestricted" -> builder.rulePack(RulePack.drl("ours.drl", USER_PACK).unrestricted());
            default -> throw new IllegalArgumentException("mode '" + mode
                    + "': expected india, user or user-unrestricted");
        }
        ComplianceEngine engine = builder.build();
        long built = System.nanoTime();
        long ready = ManagementFactory.getRuntimeMXBean().getUptime();
        long processCpu = ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
        long mainCpu = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        OffsetDateTime at = OffsetDateTime.parse("2026-03-02T10:00+05:30");
        Report report = engine.evaluate(new Evidence(new PlatformProfile("Charcha", 80_000_000, false), List.of(),
                List.of(new ComplaintReceived("c-1-in", "c-1", at, ComplaintCategory.GENERAL))), at.plusHours(1));
        long evaluated = System.nanoTime();
        if (report.obligations().isEmpty()) {
            throw new IllegalStateException("the India pack found no obligation for a complaint");
        }
        System.out.println("mode=" + mode + " ready-ms=" + ready + " ready-cpu-ms=" + processCpu / 1_000_000
                + " main-cpu-ms=" + mainCpu / 1_000_000 + " build-ms=" + (built - start) / 1_000_000
                + " first-evaluation-ms=" + (evaluated - built) / 1_000_000);
    }
}
