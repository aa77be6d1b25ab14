package org.niyam.compliance.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.io.IOException;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.apache.flink.core.execution.CheckpointingMode;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.InstantiationUtil;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.india.Issuer;
import org.niyam.compliance.india.IssuerKind;
import org.niyam.compliance.india.PlatformProfile;
import org.niyam.compliance.india.RemovalOrderReceived;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Obligation;
import org.niyam.compliance.pack.RulePackException;

/**
 * The job's engines: built with the job's settings and default jurisdiction; the class-loader release hook shuts
 * Drools' thread pool when Drools came with the job, and only then.
 */
class EnginesTest {

    private static final ClassLoader LOADER = EnginesTest.class.getClassLoader();

    private static JobOptions options(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("--input", "cases.jsonl", "--output", "out"));
        args.addAll(List.of(more));
        return JobOptions.parse(args.toArray(String[]::new));
    }

    @Test
    void the_default_jurisdiction_places_cases_that_state_none() {
        // The India pack applies in IN: a court order of a case that states no jurisdiction is its duty there only.
        OffsetDateTime at = OffsetDateTime.parse("2026-03-02T10:00+05:30");
        Evidence order = new Evidence(new PlatformProfile("ExampleNet", 80_000_000, false), List.of(),
                List.of(new RemovalOrderReceived("o1", "c1", at, new Issuer(IssuerKind.COURT, "High Court", null), null)));

        assertThat(Engines.build(options("--jurisdiction", "IN"), LOADER).evaluate(order, at.plusHours(1))
                .obligations()).extracting(Obligation::id).contains("removal.on-order@o1");
        assertThat(Engines.build(options("--jurisdiction", "DE"), LOADER).evaluate(order, at.plusHours(1))
                .obligations()).extracting(Obligation::id).doesNotContain("removal.on-order@o1");
        assertThatThrownBy(() -> options("--jurisdiction", "EU")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--jurisdiction needs an ISO 3166 code such as IN, DE or US-CA: 'EU'");
    }

    @Test
    void settings_are_the_packs_settings_checked_before_the_job_is_submitted() {
        assertThat(ComplianceJob.packProblem(options("--setting", "monthly-report.grace=P15D"))).isNull();
        assertThat(ComplianceJob.packProblem(options("--setting", "removal.on-order=PT48H")))
                .contains("removal.on-order", "the parameter is law, not a setting");
        assertThatThrownBy(() -> options("--setting", "P15D")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--setting");
    }

    /** A pack of one's own in a folder: a finding for each complaint, and an event type of its own. */
    private static Path policy(Path work) throws IOException {
        Path folder = Files.createDirectories(work.resolve("policy"));
        Files.writeString(folder.resolve("pack.yaml"), """
                id: policy
                instrument: ExampleNet Trust and Safety Policy
                rules: [policy.drl]
                """);
        Files.writeString(folder.resolve("policy.drl"), """
                package com.example.policy;
                import java.util.List;
                import org.niyam.compliance.india.*;
                import org.niyam.compliance.model.*;

                rule "policy.escalate"
                    @citation("Policy 2.2")
                when
                    $complaint : ComplaintReceived()
                then
                    insert(new Finding("escalated", $complaint.caseId(), "Escalated", List.of($complaint.id())));
                end
                """);
        return folder;
    }

    /** What a TaskManager's copy of the folder may hold: another version, here one that does not even parse. */
    private static void replaced(Path folder) throws IOException {
        Files.writeString(folder.resolve("pack.yaml"), "id: [another version");
        Files.writeString(folder.resolve("policy.drl"), "another version");
    }

    /**
     * A folder pack was read by every task from its own machine's folder: a TaskManager holding another version of
     * it (or none) ran other rules than those checked when the job was submitted. The files are read where the job
     * is built and shipped with its options, to the engines and to the parsers of lines.
     */
    @Test
    void a_folder_pack_is_read_where_the_job_is_built_and_shipped_to_its_tasks(@TempDir Path work) throws Exception {
        Path folder = policy(work);
        JobOptions given = options("--rules", JobOptions.INDIA, "--rules", folder.toString());
        // As Flink ships a job's functions: serialized where it is built, read on each TaskManager.
        JobOptions shipped = InstantiationUtil.clone(given.withPackFiles());
        replaced(folder);

        assertThat(shipped.packFiles()).containsOnlyKeys(folder.toString());
        assertThat(shipped.toString()).as("the options name the shipped files, without their text")
                .contains(folder.resolve("policy.drl") + " (").doesNotContain("rule \"");
        assertThat(Engines.build(shipped, LOADER).ruleIds()).contains("policy.escalate");
        assertThat(ComplianceJob.packProblem(shipped)).isNull();
        assertThat(ComplianceJob.packProblem(given)).as("unshipped, a task reads the folder it finds")
                .contains("pack.yaml");
        List<Input> parsed = new java.util.ArrayList<>();
        new LineParser(true, shipped.rules(), shipped.packFiles()).parse("input", Jobs.PROFILE_LINE, parsed::add);
        assertThat(parsed).hasSize(1);
        assertThatThrownBy(() -> new LineParser(true, given.rules()).parse("input", Jobs.PROFILE_LINE, i -> { }))
                .as("unshipped, the parser reads the folder it finds").cause().hasMessageContaining("pack.yaml");
        assertThatThrownBy(() -> options("--rules", work.resolve("none").toString()).withPackFiles())
                .isInstanceOf(RulePackException.class).hasMessageContaining("is not a folder");
    }

    /** The job as {@link ComplianceJob#build} makes it: the folder changed after that changes nothing. */
    @Test
    void a_job_runs_the_pack_read_when_it_was_built(@TempDir Path work) throws Exception {
        Path folder = policy(work);
        Path input = Files.write(work.resolve("cases.jsonl"), List.of(Jobs.PROFILE_LINE, """
                {"type":"ComplaintReceived","id":"k1","caseId":"c1","at":"2026-03-02T10:00+05:30",\
                "category":"GENERAL"}"""));
        Path output = work.resolve("out");
        JobOptions options = JobOptions.parse("--input", input.toString(), "--output", output.toString(),
                "--rules", JobOptions.INDIA, "--rules", folder.toString());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                ComplianceJob.configuration());
        env.setParallelism(1);
        env.enableCheckpointing(500, CheckpointingMode.EXACTLY_ONCE);
        ComplianceJob.build(env, options);
        replaced(folder);

        env.execute("shipped packs");

        assertThat(Jobs.read(output, 0).lines()).anyMatch(line -> line.contains("escalated"));
    }

    @Test
    void the_pool_of_a_drools_that_came_with_the_job_is_shut() throws Exception {
        // Drools' executor classes in a class loader of their own, as a job jar's classes are under child-first
        // loading.
        List<Class<?>> parts = List.of(org.kie.api.concurrent.KieExecutors.class,
                org.kie.internal.concurrent.ExecutorProviderFactory.class,
                org.drools.core.concurrent.ExecutorProviderImpl.class, org.drools.util.StringUtils.class,
                org.slf4j.Logger.class);
        URL[] urls = parts.stream().map(c -> c.getProtectionDomain().getCodeSource().getLocation())
                .distinct().toArray(URL[]::new);
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader job = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
            thread.setContextClassLoader(job);
            Class<?> factory = Class.forName(org.kie.internal.concurrent.ExecutorProviderFactory.class.getName(),
                    true, job);
            Object provider = factory.getMethod("getExecutorProvider").invoke(null);
            ExecutorService pool = (ExecutorService) provider.getClass().getMethod("getExecutor").invoke(provider);
            thread.setContextClassLoader(before);
            assertThat(pool.isShutdown()).isFalse();

            assertThat(Engines.release(factory, RuntimeContext.class.getClassLoader())).isTrue();
            assertThat(pool.isShutdown()).isTrue();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    @Test
    void the_pool_of_a_drools_shared_with_flink_is_left_alone() {
        // Here Drools is on the class path Flink itself was loaded from: other jobs share it.
        assertThat(Engines.release(org.kie.internal.concurrent.ExecutorProviderFactory.class,
                RuntimeContext.class.getClassLoader())).isFalse();
        ExecutorService shared = org.kie.internal.concurrent.ExecutorProviderFactory.getExecutorProvider()
                .getExecutor();
        assertThat(shared.isShutdown()).isFalse();
    }
}
