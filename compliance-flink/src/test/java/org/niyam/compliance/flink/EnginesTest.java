package org.niyam.compliance.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.junit.jupiter.api.Test;
import org.niyam.compliance.india.Issuer;
import org.niyam.compliance.india.IssuerKind;
import org.niyam.compliance.india.PlatformProfile;
import org.niyam.compliance.india.RemovalOrderReceived;
import org.niyam.compliance.model.Evidence;
import org.niyam.compliance.model.Obligation;

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
