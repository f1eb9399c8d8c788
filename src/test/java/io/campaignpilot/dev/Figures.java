package io.campaignpilot.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Measured figures (retrieval quality, benchmark numbers) for the build's console: written to target/figures,
 * which the verify phase prints, because test output itself goes to report files.
 */
public final class Figures {
    private Figures() {
    }

    public static void report(String name, String text) {
        System.out.println(text);
        try {
            Path dir = Files.createDirectories(Path.of("target", "figures"));
            Files.writeString(dir.resolve(name + ".txt"), text.strip() + System.lineSeparator(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
