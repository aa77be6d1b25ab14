package org.niyam.compliance.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.dataformat.smile.SmileFactory;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.niyam.compliance.engine.internal.BucketRecord;
import org.niyam.compliance.io.CaseLogReader;
import org.niyam.compliance.io.internal.Mappers;
import org.niyam.compliance.model.CaseEvent;
import org.niyam.compliance.model.EventTypes;
import org.niyam.compliance.model.InputException;
import org.niyam.compliance.model.StandingFact;
import org.niyam.compliance.model.Platform;

/**
 * The audit's bucket codec ({@code EventCodec}, through {@code BucketRecord}) against Jackson's Smile and JSON on the
 * same generated events: encode and decode time per event, and bytes per event. One thread, a fixed seed, five
 * measured rounds after three warm-up rounds; the median round is printed.
 *
 * <pre>{@code java -cp ... org.niyam.compliance.benchmarks.CodecMeasurement [events] [seed]}</pre>
 */
public final class CodecMeasurement {

    private CodecMeasurement() {
    }

    public static void main(String[] args) throws IOException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : CaseLogGenerator.DEFAULT_SEED;
        List<CaseEvent> events = events(count, seed);
        System.out.printf("%,d events, seed %d%n", events.size(), seed);

        ObjectMapper smile = Mappers.withEventTypes(Mappers.configure(new ObjectMapper(new SmileFactory())),
                EventTypes.onClasspath());
        ObjectMapper json = Mappers.withEventTypes(Mappers.configure(new ObjectMapper()), EventTypes.onClasspath());
        report("codec", events, codec(), HEADER);
        report("smile", events, jackson(smile), 0);
        report("json ", events, jackson(json), 0);
    }

    /** Encodes an event to bytes and decodes them back. */
    interface Format {
        byte[] encode(CaseEvent event) throws IOException;

        CaseEvent decode(byte[] bytes) throws IOException;
    }

    private static Format codec() {
        BucketRecord.Writer writer = new BucketRecord.Writer();
        return new Format() {
            @Override
            public byte[] encode(CaseEvent event) {
                byte[] record = writer.encode(0, 0, event, null);
                return Arrays.copyOf(record, writer.length());
            }

            @Override
            public CaseEvent decode(byte[] bytes) {
                CaseEvent[] out = new CaseEvent[1];
                BucketRecord.read(bytes, (place, idHash, entry) -> out[0] = entry.event());
                return out[0];
            }
        };
    }

    private static Format jackson(ObjectMapper mapper) {
        ObjectWriter writer = mapper.writerFor(CaseEvent.class);
        ObjectReader reader = mapper.readerFor(CaseEvent.class);
        return new Format() {
            @Override
            public byte[] encode(CaseEvent event) throws IOException {
                return writer.writeValueAsBytes(event);
            }

            @Override
            public CaseEvent decode(byte[] bytes) throws IOException {
                return reader.readValue(bytes);
            }
        };
    }

    /** A bucket record's place, id hash, length and tag, which the codec's figures leave out: any format needs them. */
    private static final int HEADER = 8 + 8 + 4 + 1;

    private static void report(String name, List<CaseEvent> events, Format format, int header) throws IOException {
        long bytes = 0;
        for (CaseEvent event : events) {
            byte[] encoded = format.encode(event);
            if (!format.decode(encoded).equals(event)) {
                throw new IllegalStateException(name + " does not give back " + event);
            }
            bytes += encoded.length - header;
        }
        long[] rounds = new long[5];
        for (int round = -3; round < rounds.length; round++) {
            long start = System.nanoTime();
            int sink = 0;
            for (CaseEvent event : events) {
                sink += format.decode(format.encode(event)).id().length();
            }
            long nanos = System.nanoTime() - start;
            if (round >= 0) {
                rounds[round] = nanos;
            }
            if (sink == 0) {
                throw new IllegalStateException("nothing decoded");
            }
        }
        Arrays.sort(rounds);
        System.out.printf("%s  %6.0f ns per event (encode + decode, median of 5)  %5.1f bytes per event%n", name,
                (double) rounds[2] / events.size(), (double) bytes / events.size());
    }

    private static List<CaseEvent> events(int count, long seed) throws IOException {
        StringWriter log = new StringWriter();
        new CaseLogGenerator(seed).write(count, log);
        List<CaseEvent> events = new ArrayList<>();
        CaseLogReader.lenient().scan("generated", new StringReader(log.toString()), new CaseLogReader.EntryHandler() {
            @Override
            public void platform(String source, int line, Platform profile) {
            }

            @Override
            public void fact(String source, int line, StandingFact appointment) {
            }

            @Override
            public void event(String source, int line, CaseEvent event, String text) {
                events.add(event);
            }

            @Override
            public void rejected(InputException error) {
                throw error;
            }
        });
        return events;
    }
}
