package org.niyam.compliance.flink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.niyam.compliance.model.Transition;
import org.niyam.compliance.rules.india.GeneratedLogs;

/**
 * A generated log through a real Kafka broker started by the test: lines in on a topic of two partitions (the
 * platform's facts on one, cases spread over both), the job reading it bounded, transitions out through the
 * exactly-once sink, read back with {@code read_committed}: keyed by their ids, and agreeing with {@code evaluate}.
 */
class KafkaRoundTripTest {

    @RegisterExtension
    static final MiniClusterExtension CLUSTER = new MiniClusterExtension(
            new MiniClusterResourceConfiguration.Builder().setNumberTaskManagers(1).setNumberSlotsPerTaskManager(2)
                    .build());

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void transitions_make_a_round_trip_through_kafka() throws Exception {
        long started = System.nanoTime();
        String bootstrap = TestBroker.bootstrap();
        long seed = Long.getLong("niyam.flink.kafka.seed", 20261208L);
        System.out.println("KafkaRoundTripTest seed=" + seed + ", broker started in " + TestBroker.startMillis()
                + " ms");
        Random random = new Random(seed);
        GeneratedLogs.Log log = GeneratedLogs.generate(random, 30);
        List<String> lines = Jobs.arrivalOrder(log.lines(), JobDifferentialTest.BOUND, random);

        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic("niyam-in", 2, (short) 1)
                            .configs(Map.of("retention.ms", "-1")),
                    new NewTopic("niyam-out", 1, (short) 1))).all().get();
        }
        Properties producer = new Properties();
        producer.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        producer.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        producer.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        try (KafkaProducer<String, String> out = new KafkaProducer<>(producer)) {
            for (String line : lines) {
                String caseId = Json.DEFAULT.read(line, com.fasterxml.jackson.databind.JsonNode.class).path("caseId").asText();
                int partition = caseId.isEmpty() ? 0 : Math.floorMod(caseId.hashCode(), 2);
                out.send(new ProducerRecord<>("niyam-in", partition, caseId, line));
            }
        }

        JobOptions options = JobOptions.parse("--input-topic", "niyam-in", "--bounded", "--bootstrap", bootstrap,
                "--output-topic", "niyam-out", "--out-of-order", JobDifferentialTest.BOUND.toString(),
                "--standing-check", "PT12H", "--offset", GeneratedLogs.IST.getId());
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment(
                ComplianceJob.configuration());
        env.setParallelism(2);
        env.enableCheckpointing(300);
        ComplianceJob.build(env, options);
        long job = System.nanoTime();
        env.execute("niyam kafka round trip");
        long jobMillis = (System.nanoTime() - job) / 1_000_000;

        List<String> values = new ArrayList<>();
        List<Transition> transitions = new ArrayList<>();
        List<PendingAtEnd> pending = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : readCommitted(bootstrap, "niyam-out")) {
            String value = new String(record.value(), StandardCharsets.UTF_8);
            String key = new String(record.key(), StandardCharsets.UTF_8);
            values.add(value);
            if (value.contains("\"kind\":\"" + PendingAtEnd.KIND + "\"")) {
                PendingAtEnd p = Json.DEFAULT.read(value, PendingAtEnd.class);
                assertThat(key).isEqualTo(p.id());
                pending.add(p);
            } else {
                Transition t = Json.DEFAULT.read(value, Transition.class);
                assertThat(key).isEqualTo(t.id());
                transitions.add(t);
            }
        }
        System.out.println("  " + lines.size() + " lines, " + values.size() + " records back; job " + jobMillis
                + " ms, test " + (System.nanoTime() - started) / 1_000_000 + " ms");
        JobDifferentialTest.assertAgrees(log.evidence(), new Jobs.Written(transitions, pending, values, jobMillis),
                seed);
    }

    /** Everything committed to the topic, read to its end. */
    private static List<ConsumerRecord<byte[], byte[]>> readCommitted(String bootstrap, String topic) {
        Properties consumer = new Properties();
        consumer.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        consumer.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        consumer.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        consumer.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> in = new KafkaConsumer<>(consumer)) {
            TopicPartition partition = new TopicPartition(topic, 0);
            in.assign(Set.of(partition));
            in.seekToBeginning(Set.of(partition));
            long end = in.endOffsets(Set.of(partition)).get(partition);
            while (in.position(partition) < end) {
                in.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
