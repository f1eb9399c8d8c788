package io.campaignpilot.dev;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** The jar as it ships, for tests that start it as a process of its own, and what they need to start it. */
public final class PackagedJar {
    private PackagedJar() {
    }

    /** The jar failsafe names ({@code campaignpilot.jar}), or, from an IDE, the one {@code package} made. */
    public static Path path() {
        String configured = System.getProperty("campaignpilot.jar");
        if (configured != null) {
            return Path.of(configured);
        }
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(Path.of("target"), "campaignpilot-*.jar")) {
            for (Path jar : jars) {
                if (!jar.toString().endsWith("-plain.jar")) {
                    return jar;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        throw new IllegalStateException("no target/campaignpilot-*.jar: run ./mvnw package (or ./mvnw verify)");
    }

    /** The java that runs this test, so the jar runs on the same JDK. */
    public static String java() {
        return ProcessHandle.current().info().command()
                .orElseThrow(() -> new IllegalStateException("cannot tell which java runs this test"));
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
