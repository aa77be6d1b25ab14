package org.niyam.compliance.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import java.util.concurrent.ExecutorService;
import org.apache.flink.api.common.functions.RuntimeContext;
import org.junit.jupiter.api.Test;

/** The class-loader release hook shuts Drools' thread pool when Drools came with the job, and only then. */
class EnginesTest {

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
