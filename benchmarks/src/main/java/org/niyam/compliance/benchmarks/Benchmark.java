package org.niyam.compliance.benchmarks;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.niyam.compliance.engine.ComplianceEngine;

/**
 * Measures the engine's audit path against the plain-Java {@link BaselineChecker} on generated case logs, in one
 * JVM, each side on the same number of threads: agreement first, then warm-up runs, then timed runs (wall and CPU
 * time with their spread, events per second, peak heap), and
 * the engine's cold start in fresh JVMs. See {@code docs/performance.md}.
 *
 * <pre>
 * java -cp "benchmarks/target/benchmarks-0.1.0-SNAPSHOT.jar:benchmarks/target/lib/*" \
 *      org.niyam.compliance.benchmarks.Benchmark --sizes 1e4,1e5,1e6
 * </pre>
 *
 * <p>Exit codes: 0 done; 1 the engine and the baseline disagree; 2 bad options; 4 an engine run passed the
 * timeout.
 */
public final class Benchmark {

    static final String USAGE = """
            usage: Benchmark [options]
              --sizes N,N,...     events per log (default 1e4,1e5,1e6; 1e7 is possible but long)
              --seed N            generator seed (default 20260220)
              --warmups N         warm-up runs of each side per size (default: about 2e6 events' worth, 1 to 200)
              --runs N            timed runs of each side per size and thread count (default 5; 3 from 1e7 events)
              --threads N,N,...   thread counts, each for both sides (default 1 and the processors, e.g. 1,2)
              --order O,O         how the engine delivers: report (report order, as evaluate gives it), any (as
                                  each group of cases is done, as the baseline does); default report,any
              --cold-starts N     fresh JVMs that build the India pack engine (default 5; 0 skips)
              --xmx-check SIZE    also audit each log once in a child JVM with -XmxSIZE (e.g. 512m): the engine, the
                                  baseline, and the baseline counting its results instead of keeping them
              --engine-up-to N    measure only the baseline for larger logs (default: no limit)
              --timeout MINUTES   give up when one engine run takes longer (default 8)
              --dir PATH          where the generated logs go (default target/benchmark-logs)
              --keep-logs         keep the generated logs (default: deleted after their size is measured)
            """;

    private static final long MB = 1024 * 1024;

    private Benchmark() {
    }

    public static void main(String[] args) {
        int code = run(args, System.out);
        System.out.flush();
        if (code != 0) {
            System.exit(code);
        }
    }

    record Options(List<Long> sizes, long seed, Integer warmups, Integer runs, int coldStarts, String xmxCheck,
                   long engineUpTo, Duration timeout, Path dir, boolean keepLogs, List<Integer> threads,
                   List<Audits.Order> orders) {

        static Options parse(String[] args) {
            List<Long> sizes = List.of(10_000L, 100_000L, 1_000_000L);
            long seed = CaseLogGenerator.DEFAULT_SEED;
            Integer warmups = null;
            Integer runs = null;
            int coldStarts = 5;
            String xmxCheck = null;
            long engineUpTo = Long.MAX_VALUE;
            Duration timeout = Duration.ofMinutes(8);
            Path dir = Path.of("target", "benchmark-logs");
            boolean keepLogs = false;
            int processors = Runtime.getRuntime().availableProcessors();
            List<Integer> threads = processors == 1 ? List.of(1) : List.of(1, processors);
            List<Audits.Order> orders = List.of(Audits.Order.REPORT, Audits.Order.ANY);
            for (int i = 0; i < args.length; i++) {
                String option = args[i];
                if (option.equals("--keep-logs")) {
                    keepLogs = true;
                    continue;
                }
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(option + " needs a value");
                }
                String value = args[++i];
                switch (option) {
                    case "--sizes" -> sizes = Arrays.stream(value.split(",")).map(Options::count).toList();
                    case "--seed" -> seed = Long.parseLong(value);
                    case "--warmups" -> warmups = (int) count(value);
                    case "--runs" -> runs = (int) count(value);
                    case "--cold-starts" -> coldStarts = (int) count(value);
                    case "--xmx-check" -> xmxCheck = value;
                    case "--engine-up-to" -> engineUpTo = count(value);
                    case "--timeout" -> timeout = Duration.ofSeconds(Math.round(Double.parseDouble(value) * 60));
                    case "--dir" -> dir = Path.of(value);
                    case "--threads" -> threads = Arrays.stream(value.split(",")).map(t -> (int) count(t)).toList();
                    case "--order" -> orders = Arrays.stream(value.split(",")).map(Options::order).distinct().toList();
                    default -> throw new IllegalArgumentException("unknown option " + option);
                }
            }
            if (runs != null && runs < 1) {
                throw new IllegalArgumentException("--runs must be at least 1");
            }
            if (threads.isEmpty() || threads.stream().anyMatch(t -> t < 1)) {
                throw new IllegalArgumentException("--threads must name positive thread counts");
            }
            return new Options(sizes, seed, warmups, runs, coldStarts, xmxCheck, engineUpTo, timeout, dir, keepLogs,
                    threads, orders);
        }

        private static Audits.Order order(String text) {
            return switch (text.trim()) {
                case "report" -> Audits.Order.REPORT;
                case "any" -> Audits.Order.ANY;
                default -> throw new IllegalArgumentException("--order takes report, any or both: " + text);
            };
        }

        /** A count written as 1000000, 1_000_000 or 1e6. */
        private static long count(String text) {
            try {
                return new BigDecimal(text.trim().replace("_", "")).longValueExact();
            } catch (NumberFormatException | ArithmeticException e) {
                throw new IllegalArgumentException("not a whole number: " + text);
            }
        }

        int warmupsFor(long size) {
            // Enough that the JIT has compiled the hot paths: about 2 million events of warm-up, at least one run.
            return warmups != null ? warmups : (int) Math.max(1, Math.min(200, (2_000_000 + size - 1) / size));
        }

        int runsFor(long size) {
            return runs != null ? runs : size < 10_000_000 ? 5 : 3;
        }
    }

    /** The timed runs of one side at one size and thread count: wall and process CPU time of each, peak heap. */
    record Side(long[] wallNanos, long[] cpuNanos, long peak, long idle) {

        double medianWall() {
            return median(wallNanos);
        }

        double perSecond(long events) {
            return events / (medianWall() / 1e9);
        }

        double cpuMicrosPerEvent(long events) {
            return median(cpuNanos) / 1e3 / events;
        }

        long aboveIdle() {
            return Math.max(0, peak - idle);
        }

        /** "median 1,234.5 ms (min 1,200.0, max 1,300.0)". */
        String spread() {
            long[] sorted = wallNanos.clone();
            Arrays.sort(sorted);
            return String.format(Locale.ROOT, "median %,.1f ms (min %,.1f, max %,.1f)", medianWall() / 1e6,
                    sorted[0] / 1e6, sorted[sorted.length - 1] / 1e6);
        }
    }

    /**
     * The figures of one size at one thread count and engine order; {@code engine} is null when the engine was not
     * measured.
     */
    record Figures(long events, int threads, Audits.Order order, Side baseline, Side engine, String engineFailure) {

        double ratio() {
            return baseline.medianWall() / engine.medianWall();
        }

        /** The engine's throughput over the baseline's run by run (each pair ran back to back): min and max. */
        double[] pairedRatios() {
            double[] ratios = new double[baseline.wallNanos.length];
            for (int i = 0; i < ratios.length; i++) {
                ratios[i] = (double) baseline.wallNanos[i] / engine.wallNanos[i];
            }
            Arrays.sort(ratios);
            return new double[] {ratios[0], ratios[ratios.length - 1]};
        }

        /** The engine's heap above idle over the baseline's, or a sentence when the baseline's is within 1 MB of idle. */
        String heapRatio() {
            if (baseline.aboveIdle() < MB) {
                return "baseline within 1 MB of idle";
            }
            return String.format(Locale.ROOT, "%.1fx above idle", (double) engine.aboveIdle() / baseline.aboveIdle());
        }
    }

    static int run(String[] args, PrintStream out) {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            out.println("benchmark: " + e.getMessage());
            out.print(USAGE);
            return 2;
        }
        ScheduledExecutorService watchdog = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "benchmark-watchdog");
            thread.setDaemon(true);
            return thread;
        });
        try {
            return measure(options, out, watchdog);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            watchdog.shutdownNow();
        }
    }

    private static int measure(Options options, PrintStream out, ScheduledExecutorService watchdog) throws IOException {
        describeMachine(options, out);
        long buildStart = System.nanoTime();
        Map<Integer, ComplianceEngine> engines = new TreeMap<>();
        for (int threads : options.threads()) {
            engines.put(threads, Audits.indiaEngine(threads));
        }
        out.printf(Locale.ROOT, "engine: India pack, %d rules, %d %s (one for each thread count), built in %,d ms "
                        + "in this JVM%n", engines.values().iterator().next().ruleIds().size(), engines.size(),
                engines.size() == 1 ? "engine" : "engines", (System.nanoTime() - buildStart) / 1_000_000);
        HeapWatch heap = new HeapWatch();
        List<Figures> all = new ArrayList<>();
        String engineGaveUp = null;
        Files.createDirectories(options.dir());
        for (long size : options.sizes()) {
            out.printf(Locale.ROOT, "%n== %,d events ==%n", size);
            Path log = options.dir().resolve("cases-seed" + options.seed() + "-" + size + ".jsonl");
            generate(options.seed(), size, log, out);

            int obligations = 0;
            if (engineGaveUp == null && size > options.engineUpTo()) {
                engineGaveUp = "not run above --engine-up-to " + String.format(Locale.ROOT, "%,d", options.engineUpTo())
                        + " events";
            }
            // Agreement before any timing: at each thread count, every obligation of the engine and of the baseline.
            for (int threads : options.threads()) {
                BaselineChecker.Outcome checked = Audits.baseline(log, threads);
                obligations = checked.results().size();
                if (engineGaveUp != null) {
                    continue;
                }
                for (Audits.Order order : options.orders()) {
                    if (engineGaveUp != null) {
                        break;
                    }
                    Agreement.Comparison comparison = new Agreement.Comparison(checked, 10);
                    Audits.EngineRun compared = null;
                    try {
                        ComplianceEngine on = engines.get(threads);
                        compared = guarded(watchdog, options.timeout(), size, out,
                                () -> Audits.engine(on, log, comparison, order));
                    } catch (OutOfMemoryError e) {
                        engineGaveUp = "ran out of memory at " + String.format(Locale.ROOT, "%,d", size)
                                + " events with a " + Runtime.getRuntime().maxMemory() / MB + " MB heap";
                        out.println("engine: " + engineGaveUp + "; only the baseline is measured from here on");
                    }
                    if (compared != null) {
                        comparison.asOf(compared.asOf());
                        Agreement agreement = comparison.result();
                        if (!agreement.agrees()) {
                            out.printf(Locale.ROOT, "DISAGREEMENT at %d threads, %s: engine and baseline differ on %,d "
                                            + "of %,d obligations; the first:%n", threads, order.label,
                                    agreement.differences(), agreement.compared());
                            agreement.first().forEach(d -> out.println("  " + d));
                            return 1;
                        }
                        out.printf(Locale.ROOT, "agreement at %d %s, %s: engine and baseline find the same %,d "
                                        + "obligations (%,d of the platform, the rest of cases) %s: id, status, due, "
                                        + "discharging event and instant, lateness%n", threads,
                                threads == 1 ? "thread" : "threads", order.label, agreement.compared(),
                                agreement.platform(), agreement.byStatus());
                    }
                }
                checked = null;
            }

            boolean withEngine = engineGaveUp == null;
            for (int i = 0; i < options.warmupsFor(size); i++) {
                for (int threads : options.threads()) {
                    Audits.baselineStreaming(log, threads);
                    if (withEngine) {
                        ComplianceEngine on = engines.get(threads);
                        for (Audits.Order order : options.orders()) {
                            guarded(watchdog, options.timeout(), size, out,
                                    () -> Audits.engine(on, log, o -> { }, order));
                        }
                    }
                }
            }
            int runs = options.runsFor(size);
            int counts = options.threads().size();
            int orders = options.orders().size();
            long[][] baselineWall = new long[counts][runs];
            long[][] baselineCpu = new long[counts][runs];
            long[][][] engineWall = new long[orders][counts][runs];
            long[][][] engineCpu = new long[orders][counts][runs];
            long[] baselinePeak = new long[counts];
            long[][] enginePeak = new long[orders][counts];
            long[] baselineIdle = new long[counts];
            long[][] engineIdle = new long[orders][counts];
            Arrays.fill(baselineIdle, Long.MAX_VALUE);
            for (long[] idle : engineIdle) {
                Arrays.fill(idle, Long.MAX_VALUE);
            }
            // Run by run, each thread count in turn, the baseline then the engine in each order: a slow spell of the
            // machine falls on both sides of a pair, not on one side's every run.
            for (int i = 0; i < runs; i++) {
                for (int t = 0; t < counts; t++) {
                    int threads = options.threads().get(t);
                    baselineIdle[t] = Math.min(baselineIdle[t], heap.start());
                    long cpu = cpuNanos();
                    long start = System.nanoTime();
                    BaselineChecker.Outcome outcome = Audits.baselineStreaming(log, threads);
                    baselineWall[t][i] = System.nanoTime() - start;
                    baselineCpu[t][i] = cpuNanos() - cpu;
                    baselinePeak[t] = Math.max(baselinePeak[t], heap.peak(outcome));
                    outcome = null;
                    for (int o = 0; withEngine && o < orders; o++) {
                        ComplianceEngine on = engines.get(threads);
                        Audits.Order order = options.orders().get(o);
                        engineIdle[o][t] = Math.min(engineIdle[o][t], heap.start());
                        cpu = cpuNanos();
                        start = System.nanoTime();
                        Audits.EngineRun run = guarded(watchdog, options.timeout(), size, out,
                                () -> Audits.engine(on, log, x -> { }, order));
                        engineWall[o][t][i] = System.nanoTime() - start;
                        engineCpu[o][t][i] = cpuNanos() - cpu;
                        enginePeak[o][t] = Math.max(enginePeak[o][t], heap.peak(run));
                        run = null;
                    }
                }
            }
            for (int t = 0; t < counts; t++) {
                Side baseline = new Side(baselineWall[t], baselineCpu[t], baselinePeak[t], baselineIdle[t]);
                for (int o = 0; o < orders; o++) {
                    Figures figures = new Figures(size, options.threads().get(t), options.orders().get(o), baseline,
                            withEngine ? new Side(engineWall[o][t], engineCpu[o][t], enginePeak[o][t], engineIdle[o][t])
                                    : null, engineGaveUp);
                    all.add(figures);
                    report(figures, obligations, runs, options.warmupsFor(size), out, o == 0);
                }
            }
            if (options.xmxCheck() != null) {
                underHeapLimit("baseline", options.xmxCheck(), log, options.timeout(), out);
                underHeapLimit("baseline-streaming", options.xmxCheck(), log, options.timeout(), out);
                if (withEngine) {
                    underHeapLimit("engine", options.xmxCheck(), log, options.timeout(), out);
                }
            }
            if (!options.keepLogs()) {
                Files.delete(log);
            }
        }
        if (options.coldStarts() > 0) {
            coldStarts(options.coldStarts(), out);
        }
        summary(all, out);
        out.printf(Locale.ROOT, "%nload average at the end: %.2f%n",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        return 0;
    }

    private static void describeMachine(Options options, PrintStream out) {
        Runtime runtime = Runtime.getRuntime();
        out.printf(Locale.ROOT, "Niyam benchmark, %s; seed %d%n", OffsetDateTime.now().withNano(0), options.seed());
        out.printf(Locale.ROOT, "machine: %s %s %s, %d cores, load average %.2f%n", System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("os.arch"), runtime.availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        out.printf(Locale.ROOT, "JVM: %s %s, max heap %,d MB, GC %s, flags %s%n", System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), runtime.maxMemory() / MB,
                ManagementFactory.getGarbageCollectorMXBeans().stream().map(b -> b.getName())
                        .collect(Collectors.joining(" + ")),
                ManagementFactory.getRuntimeMXBean().getInputArguments());
        out.printf(Locale.ROOT, "sizes %s; threads %s; warm-ups and timed runs per size: %s; timeout per engine run "
                        + "%d min%n", options.sizes().stream().map(s -> String.format(Locale.ROOT, "%,d", s)).toList(),
                options.threads(),
                options.sizes().stream().map(s -> options.warmupsFor(s) + "+" + options.runsFor(s)).toList(),
                options.timeout().toMinutes());
    }

    private static void generate(long seed, long size, Path log, PrintStream out) throws IOException {
        long start = System.nanoTime();
        CaseLogGenerator.Summary summary;
        try (BufferedWriter writer = Files.newBufferedWriter(log, StandardCharsets.UTF_8)) {
            summary = new CaseLogGenerator(seed).write(size, writer);
        }
        out.printf(Locale.ROOT, "log: %s, %,d MB, generated in %.1f s: %,d cases (%,d complaints of which %,d intimate "
                        + "imagery, %,d removal orders, %,d information requests), events %s to %s; %,d lines out of "
                        + "time order, by up to %s%n", log, Files.size(log) / MB, (System.nanoTime() - start) / 1e9,
                summary.cases(), summary.complaints(), summary.intimateImageryComplaints(), summary.removalOrders(),
                summary.informationRequests(), summary.firstEvent(), summary.lastEvent(), summary.linesOutOfTimeOrder(),
                Duration.ofSeconds(summary.maxDisorderSeconds()));
    }

    /** Runs one engine audit; if it passes the timeout, says so and ends the JVM, since Drools cannot be stopped. */
    private static <T> T guarded(ScheduledExecutorService watchdog, Duration timeout, long size, PrintStream out,
                                 Supplier<T> audit) {
        ScheduledFuture<?> alarm = watchdog.schedule(() -> {
            out.printf(Locale.ROOT, "TIMEOUT: one engine audit of %,d events took longer than %d min; stopping here%n",
                    size, timeout.toMinutes());
            out.flush();
            System.exit(4);
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        try {
            return audit.get();
        } finally {
            alarm.cancel(false);
        }
    }

    private static void report(Figures f, int obligations, int runs, int warmups, PrintStream out,
                               boolean withBaseline) {
        Side b = f.baseline();
        if (withBaseline) {
            out.printf(Locale.ROOT, "%d %s, baseline: %s of %d runs after %d warm-ups: %,.0f events/s, %.3f µs/event "
                            + "wall, %.3f µs/event CPU; peak heap %,d MB (%,d MB above idle); %,d obligations%n",
                    f.threads(), f.threads() == 1 ? "thread" : "threads", b.spread(), runs, warmups,
                    b.perSecond(f.events()), b.medianWall() / 1e3 / f.events(), b.cpuMicrosPerEvent(f.events()), b.peak() / MB,
                    b.aboveIdle() / MB, obligations);
        }
        if (f.engineFailure() != null) {
            if (withBaseline) {
                out.println("engine: not measured: " + f.engineFailure());
            }
            return;
        }
        Side e = f.engine();
        out.printf(Locale.ROOT, "%d %s, engine, %s: %s: %,.0f events/s, %.3f µs/event wall, %.3f µs/event CPU; "
                        + "peak heap %,d MB (%,d MB above idle)%n", f.threads(), f.threads() == 1 ? "thread" : "threads",
                f.order().label, e.spread(), e.perSecond(f.events()), e.medianWall() / 1e3 / f.events(), e.cpuMicrosPerEvent(f.events()),
                e.peak() / MB, e.aboveIdle() / MB);
        double[] paired = f.pairedRatios();
        out.printf(Locale.ROOT, "%d %s, engine, %s / baseline: throughput %.3f (runs paired: %.3f to %.3f), by CPU "
                        + "%.3f (CPU per event %.2fx); peak heap %.1fx (%s)%n", f.threads(),
                f.threads() == 1 ? "thread" : "threads", f.order().label, f.ratio(), paired[0], paired[1],
                b.cpuMicrosPerEvent(f.events()) / e.cpuMicrosPerEvent(f.events()), e.cpuMicrosPerEvent(f.events()) / b.cpuMicrosPerEvent(f.events()),
                (double) e.peak() / b.peak(), f.heapRatio());
    }

    /** CPU time of the whole process so far: every thread, the JIT compiler's and the collector's included. */
    private static long cpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    /** One audit in a child JVM under a heap limit: completes, runs out of memory, or passes the timeout. */
    private static void underHeapLimit(String side, String xmx, Path log, Duration timeout, PrintStream out)
            throws IOException {
        Process process = new ProcessBuilder(java(), "-Xmx" + xmx, "-XX:+ExitOnOutOfMemoryError", "-cp",
                System.getProperty("java.class.path"), SingleAudit.class.getName(), side, log.toString())
                .redirectErrorStream(true).start();
        long start = System.nanoTime();
        String said;
        boolean finished;
        try {
            finished = process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            said = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        String outcome = !finished ? String.format(Locale.ROOT, "did not finish within %d min; stopped", timeout.toMinutes())
                : process.exitValue() == 0 ? "completed: " + said.lines().reduce((a, b) -> b).orElse("")
                : said.contains("OutOfMemoryError") ? String.format(Locale.ROOT, "ran out of memory after %.1f s", seconds)
                : "failed (exit " + process.exitValue() + "): " + said;
        out.printf(Locale.ROOT, "%s with -Xmx%s: %s%n", side, xmx, outcome);
    }

    private static void coldStarts(int count, PrintStream out) throws IOException {
        long[] wall = new long[count];
        long[] ready = new long[count];
        long[] build = new long[count];
        long[] firstEvaluation = new long[count];
        for (int i = 0; i < count; i++) {
            long start = System.nanoTime();
            Process process = new ProcessBuilder(java(), "-cp", System.getProperty("java.class.path"),
                    ColdStart.class.getName()).redirectErrorStream(true).start();
            String said;
            try (InputStream output = process.getInputStream()) {
                said = new String(output.readAllBytes(), StandardCharsets.UTF_8);
                if (process.waitFor() != 0) {
                    out.println("cold start failed: " + said);
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            wall[i] = System.nanoTime() - start;
            String line = said.lines().filter(l -> l.startsWith("mode=")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("cold start printed no timings: " + said));
            ready[i] = field(line, "ready-ms");
            build[i] = field(line, "build-ms");
            firstEvaluation[i] = field(line, "first-evaluation-ms");
        }
        out.printf(Locale.ROOT, "%ncold start, median of %d fresh JVMs: engine ready %,.0f ms after the JVM started "
                        + "(build %,.0f ms), first evaluation %,.0f ms more; whole process %,.0f ms%n", count,
                median(ready), median(build), median(firstEvaluation), median(wall) / 1e6);
    }

    private static long field(String line, String name) {
        for (String part : line.trim().split(" ")) {
            if (part.startsWith(name + "=")) {
                return Long.parseLong(part.substring(name.length() + 1));
            }
        }
        throw new IllegalStateException("no " + name + " in: " + line);
    }

    private static void summary(List<Figures> all, PrintStream out) {
        out.printf("%n| events | threads | engine delivers in | baseline events/s | engine events/s | engine / baseline "
                + "(paired runs) | by CPU | baseline µs/event wall, CPU | engine µs/event wall, CPU | baseline peak heap "
                + "| engine peak heap |%n");
        out.println("|---:|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Figures f : all) {
            Side b = f.baseline();
            if (f.engineFailure() != null) {
                out.printf(Locale.ROOT, "| %,d | %d | %s | %,.0f | – | – | – | %.2f, %.2f | %s | %,d MB | – |%n",
                        f.events(), f.threads(), f.order().label, b.perSecond(f.events()),
                        b.medianWall() / 1e3 / f.events(), b.cpuMicrosPerEvent(f.events()), f.engineFailure(),
                        b.peak() / MB);
                continue;
            }
            Side e = f.engine();
            double[] paired = f.pairedRatios();
            out.printf(Locale.ROOT, "| %,d | %d | %s | %,.0f | %,.0f | %.3f (%.3f–%.3f) | %.3f | %.2f, %.2f | %.2f, %.2f "
                            + "| %,d MB | %,d MB |%n", f.events(), f.threads(), f.order().label, b.perSecond(f.events()),
                    e.perSecond(f.events()), f.ratio(), paired[0], paired[1],
                    b.cpuMicrosPerEvent(f.events()) / e.cpuMicrosPerEvent(f.events()), b.medianWall() / 1e3 / f.events(), b.cpuMicrosPerEvent(f.events()),
                    e.medianWall() / 1e3 / f.events(), e.cpuMicrosPerEvent(f.events()), b.peak() / MB, e.peak() / MB);
        }
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
