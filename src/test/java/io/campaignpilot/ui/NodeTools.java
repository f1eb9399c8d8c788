package io.campaignpilot.ui;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The Node.js tools under src/test/js (Playwright for the browser test, bpmnlint for Modeler's checks).
 * They need Node, {@code npm ci} in that folder and Debian's Chromium, which .ci/run installs. Where they are
 * missing a test is skipped with the reason, unless CAMPAIGNPILOT_UI_TESTS=required (set by .ci/run), where
 * it fails: CI never skips silently.
 */
public final class NodeTools {
    public static final Path HOME = Path.of("src/test/js");
    public static final Path CHROMIUM = Path.of(System.getenv().getOrDefault("CHROMIUM", "/usr/bin/chromium"));

    private NodeTools() {
    }

    /** Skips (or, in CI, fails) the calling test unless node, the npm packages and the given files exist. */
    public static void require(Path... needed) {
        List<String> missing = new ArrayList<>();
        if (!onPath("node")) {
            missing.add("node on the PATH");
        }
        if (!Files.isDirectory(HOME.resolve("node_modules"))) {
            missing.add(HOME.resolve("node_modules") + " (run: npm ci --prefix " + HOME + ")");
        }
        for (Path path : needed) {
            if (!Files.exists(path)) {
                missing.add(path.toString());
            }
        }
        if (missing.isEmpty()) {
            return;
        }
        String reason = "missing " + String.join(", ", missing);
        if ("required".equals(System.getenv("CAMPAIGNPILOT_UI_TESTS"))) {
            throw new AssertionError(reason + " (CAMPAIGNPILOT_UI_TESTS=required)");
        }
        Assumptions.abort(reason);
    }

    /** Runs {@code node <script> <args>} in src/test/js and returns its exit code and output. */
    public static Result node(Map<String, String> env, long timeoutSeconds, String script, String... args) {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(List.of(args));
        try {
            // output goes to a file, so a chatty tool never blocks on a full pipe and a hung one still times out
            Path log = Files.createTempFile("node-", ".log");
            ProcessBuilder builder = new ProcessBuilder(command).directory(HOME.toFile())
                    .redirectErrorStream(true).redirectOutput(log.toFile());
            builder.environment().putAll(env);
            Process process = builder.start();
            if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("node " + script + " did not finish in " + timeoutSeconds + " s:\n"
                        + Files.readString(log, StandardCharsets.UTF_8));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new AssertionError("could not run node " + script, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(java.io.File.pathSeparator)).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, program)));
    }

    public record Result(int exitCode, String output) {
    }
}
