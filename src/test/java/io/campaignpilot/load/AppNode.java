package io.campaignpilot.load;

import io.campaignpilot.dev.PackagedJar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * One engine node of the cluster under load: the packaged jar started as its own process on a port of its own, the
 * way an operator starts it, with the given settings. It can be killed as a machine dies ({@code kill -9}: no
 * shutdown hook, no lock given back) and started again on the same port.
 */
final class AppNode {
    private static final Duration START = Duration.ofSeconds(240);

    private final String name;
    private final int port;
    private final List<String> settings;
    private final Map<String, String> environment;
    private final Path logs;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Process process;
    private int incarnation;
    private volatile boolean ready;

    AppNode(String name, List<String> settings, Map<String, String> environment, Path logs) {
        this.name = name;
        this.port = PackagedJar.freePort();
        this.settings = settings;
        this.environment = environment;
        this.logs = logs;
    }

    String name() {
        return name;
    }

    /** Which start of this node is running: 1, then 2 after a restart. */
    int incarnation() {
        return incarnation;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    synchronized void start(String heap) {
        incarnation++;
        ready = false;
        List<String> command = new ArrayList<>(List.of(PackagedJar.java(), "-Xmx" + heap, "-XX:+ExitOnOutOfMemoryError",
                // pauses under a millisecond: a young collection of G1 took 100-700 ms on these shared cores
                "-XX:+UseZGC",
                // Java priorities become nice values: campaigns' background threads yield to requests (BackgroundThreads),
                // at nice 19 (the JVM's default for the lowest Java priority is 4, which left the slowest answers as slow)
                "-XX:ThreadPriorityPolicy=1", "-XX:JavaPriority1_To_OSPriority=19",
                // deep engine stacks: the profile must still see which of our classes called in
                "-XX:FlightRecorderOptions:stackdepth=512",
                "-jar", PackagedJar.path().toString(), "--server.address=127.0.0.1", "--server.port=" + port));
        command.addAll(settings);
        try {
            Files.createDirectories(logs);
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log().toFile());
            // the operator's environment only: nothing of this machine's configuration leaks in
            builder.environment().keySet().removeIf(n -> n.startsWith("CAMPAIGNPILOT_") || n.startsWith("SPRING_")
                    || n.startsWith("CAMUNDA_") || n.startsWith("OPENAI_"));
            builder.environment().putAll(environment);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path log() {
        return logs.resolve(name + "-" + incarnation + ".log");
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process != null && process.isAlive();
    }

    /** In the load balancer's rotation: alive, and its readiness probe said so when last asked. */
    boolean ready() {
        return ready && alive();
    }

    /** Asks the node's readiness probe (anonymous, as a load balancer's health check does). */
    void checkReadiness() {
        if (!alive()) {
            ready = false;
            return;
        }
        try {
            ready = send(HttpRequest.newBuilder(uri("/actuator/health/readiness")).timeout(Duration.ofSeconds(2)).GET()
                    .build()).statusCode() == 200;
        } catch (RuntimeException e) {
            ready = false;
        }
    }

    void awaitHealthy() throws InterruptedException {
        awaitHealthy(START);
    }

    void awaitHealthy(Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + tail());
            }
            try {
                if (send(HttpRequest.newBuilder(uri("/actuator/health")).GET().build()).statusCode() == 200) {
                    ready = true;
                    return;
                }
            } catch (UncheckedIOException e) {
                if (!(e.getCause() instanceof ConnectException)) {
                    throw e;
                }
            }
            Thread.sleep(500);
        }
        throw new AssertionError(name + " not healthy within " + within + ":\n" + tail());
    }

    /** Starts the JDK's flight recorder (sampling profiler) in the running node; {@link #stopProfile} writes it. */
    void startProfile() {
        jcmd("JFR.start", "name=load", "settings=profile");
    }

    /** Writes what the flight recorder sampled since {@link #startProfile} and stops it. */
    Path stopProfile() {
        Path recording = logs.resolve(name + "-" + incarnation + ".jfr").toAbsolutePath();
        jcmd("JFR.dump", "name=load", "filename=" + recording);
        jcmd("JFR.stop", "name=load");
        return recording;
    }

    private void jcmd(String... arguments) {
        Path jcmd = Path.of(PackagedJar.java()).resolveSibling("jcmd");
        List<String> command = new ArrayList<>(List.of(jcmd.toString(), String.valueOf(process.pid())));
        command.addAll(List.of(arguments));
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (p.waitFor() != 0) {
                throw new IllegalStateException(String.join(" ", command) + ": " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** As a machine dies: SIGKILL, no shutdown, locks and claims left as they were. */
    synchronized void kill() throws InterruptedException {
        ready = false;
        process.destroyForcibly();
        process.waitFor();
    }

    /** A clean stop (SIGTERM: Spring's graceful shutdown), for the end of the run. */
    synchronized void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        }
    }

    HttpResponse<String> get(String path, String user, String password) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user, password))
                .timeout(Duration.ofSeconds(30)).GET().build());
    }

    HttpResponse<String> post(String path, String user, String password, String json) {
        return post(path, user, password, json, Duration.ofSeconds(30));
    }

    HttpResponse<String> post(String path, String user, String password, String json, Duration timeout) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user, password))
                .header("Content-Type", "application/json").timeout(timeout)
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    String tail() {
        return tail(60);
    }

    /** The last lines of this start's log. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log(), StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
