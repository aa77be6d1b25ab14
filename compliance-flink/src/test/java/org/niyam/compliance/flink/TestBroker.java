package org.niyam.compliance.flink;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * A real Kafka broker for the tests: one combined KRaft node (broker and controller), started on first use and
 * closed when the test run ends, from JUnit's launcher session (registered in
 * {@code META-INF/services/org.junit.platform.launcher.LauncherSessionListener}).
 */
public final class TestBroker implements LauncherSessionListener {

    private static KafkaClusterTestKit cluster;
    private static long startMillis;

    /** The broker's bootstrap servers, starting it on first use. */
    static synchronized String bootstrap() throws Exception {
        if (cluster == null) {
            long start = System.nanoTime();
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setCombined(true).setNumBrokerNodes(1).setNumControllerNodes(1).build())
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            cluster = kit;
            startMillis = (System.nanoTime() - start) / 1_000_000;
        }
        return cluster.bootstrapServers();
    }

    /** How long the broker took to start. */
    static synchronized long startMillis() {
        return startMillis;
    }

    @Override
    public void launcherSessionClosed(LauncherSession session) {
        synchronized (TestBroker.class) {
            if (cluster != null) {
                try {
                    cluster.close();
                } catch (Exception e) {
                    System.err.println("closing the test broker: " + e);
                }
                cluster = null;
            }
        }
    }
}
