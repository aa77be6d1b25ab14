package org.niyam.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.niyam.compliance.model.EventTypes;

/** The byte search that finds the platform's lines agrees with a plain scan, and finds them wherever they fall. */
class PlatformScanTest {

    private static final long SEED = 20261205L;

    @Test
    void theSearchFindsANameWhereAPlainScanFindsIt() {
        System.out.println("PlatformScanTest seed " + SEED);
        Random random = new Random(SEED);
        byte[][] names = {bytes("PlatformProfile"), bytes("OfficerAppointment"), bytes("x"), bytes("ab")};
        // Lines of letters the names are made of, with a name or a near miss inserted at random places.
        byte[] alphabet = bytes("PlatformProfileOfficerAppointment\"{}:,ab é");
        for (int n = 0; n < 20_000; n++) {
            byte[] line = new byte[random.nextInt(60)];
            for (int i = 0; i < line.length; i++) {
                line[i] = alphabet[random.nextInt(alphabet.length)];
            }
            byte[] name = names[random.nextInt(names.length)];
            if (random.nextBoolean() && line.length >= name.length) {
                int at = random.nextInt(line.length - name.length + 1);
                System.arraycopy(name, 0, line, at, name.length);
                if (random.nextBoolean()) {
                    line[at + random.nextInt(name.length)] ^= 1; // a near miss
                }
            }
            int from = line.length == 0 ? 0 : random.nextInt(line.length);
            int to = from + random.nextInt(line.length - from + 1);
            assertThat(PlatformScan.contains(line, from, to, name))
                    .as("line %d: %s [%d, %d) for %s", n, new String(line, StandardCharsets.ISO_8859_1), from, to,
                            new String(name, StandardCharsets.UTF_8))
                    .isEqualTo(plainScan(line, from, to, name));
        }
    }

    @Test
    void theProfileAndAppointmentsAreFoundWhereverTheirLinesFall(@TempDir Path dir) throws IOException {
        Random random = new Random(SEED);
        String profile = "{\"type\":\"PlatformProfile\",\"name\":\"%s\",\"registeredUsersInIndia\":12000000,"
                + "\"messagingService\":false,\"addressInIndiaPublished\":true}";
        String appointment = "{\"type\":\"OfficerAppointment\",\"id\":\"appt-%d\",\"role\":\"GRIEVANCE_OFFICER\","
                + "\"person\":\"A. Rao\",\"residentInIndia\":true,\"employee\":true,\"contactPublished\":true,"
                + "\"from\":\"2021-05-01T00:00:00+05:30\"}";
        for (int n = 0; n < 30; n++) {
            // Filler lines of random lengths put the named lines across the 64 KiB reads' boundaries.
            StringBuilder log = new StringBuilder();
            int appointments = 0;
            String first = null;
            for (int i = 0; i < 400; i++) {
                int pick = random.nextInt(40);
                if (pick == 0) {
                    String name = "P" + i;
                    first = first == null ? name : first;
                    log.append(String.format(profile, name));
                } else if (pick == 1) {
                    log.append(String.format(appointment, appointments++));
                } else {
                    log.append("{\"type\":\"Filler\",\"x\":\"").append("y".repeat(random.nextInt(2_000))).append("\"}");
                }
                log.append(random.nextInt(5) == 0 ? "\r\n" : "\n");
            }
            if (random.nextBoolean()) {
                log.append(String.format(appointment, appointments++)); // a last line without a newline
            }
            Path file = dir.resolve("log-" + n + ".jsonl");
            Files.writeString(file, log);

            PlatformScan scan = PlatformScan.of(List.of(file), EventTypes.onClasspath());

            assertThat(scan.appointments()).as("log %d", n).isEqualTo(appointments);
            assertThat(scan.platform() == null ? null : scan.platform().name()).as("log %d", n).isEqualTo(first);
        }
    }

    private static boolean plainScan(byte[] bytes, int from, int to, byte[] name) {
        for (int i = from; i + name.length <= to; i++) {
            boolean all = true;
            for (int j = 0; j < name.length && all; j++) {
                all = bytes[i + j] == name[j];
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
