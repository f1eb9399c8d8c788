package io.campaignpilot.platform;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Reproducible draws: the same key always draws the same number, on every node and after every restart. For splits
 * that must not change when a step is retried (holdouts, A/B arms, the control group), never for secrets.
 */
public final class Draws {
    private Draws() {
    }

    /** A number from 0 to 2^32 - 1 (the CRC-32 of the key). */
    public static long of(String key) {
        CRC32 crc = new CRC32();
        crc.update(key.getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /** A number in [0, 1), to a millionth. */
    public static double unit(String key) {
        return (of(key) % 1_000_000) / 1_000_000.0;
    }
}
