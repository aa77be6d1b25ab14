package org.niyam.compliance.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The byte search that finds the platform's lines agrees with a plain scan. */
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
