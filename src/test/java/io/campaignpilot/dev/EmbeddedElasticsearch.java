package io.campaignpilot.dev;

import org.elasticsearch.common.logging.LogConfigurator;
import org.elasticsearch.common.settings.Settings;
import org.elasticsearch.env.Environment;
import org.elasticsearch.node.ClasspathPluginsNode;
import org.elasticsearch.node.Node;
import org.elasticsearch.transport.netty4.Netty4Plugin;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real Elasticsearch node inside this JVM, serving HTTP on loopback, so the application reaches it
 * through elasticsearch-java exactly as it would reach a remote cluster. One node per JVM.
 */
public final class EmbeddedElasticsearch {
    private static EmbeddedElasticsearch shared;

    private final Node node;
    private final int httpPort;

    private EmbeddedElasticsearch(Path home, int httpPort) {
        this.httpPort = httpPort;
        try {
            Files.createDirectories(home);
            Settings settings = Settings.builder()
                    .put("node.name", "campaignpilot-embedded")
                    .put("cluster.name", "campaignpilot-embedded")
                    .put("path.home", home.toString())
                    .put("path.data", home.resolve("data").toString())
                    .put("network.host", "127.0.0.1")
                    .put("http.port", httpPort)
                    .put("transport.port", freePort())
                    .put("discovery.type", "single-node")
                    // a shared developer disk can be nearly full; an embedded node must still accept writes
                    .put("cluster.routing.allocation.disk.threshold_enabled", false)
                    .put("action.destructive_requires_name", false)
                    .build();
            node = new ClasspathPluginsNode(new Environment(settings, null), List.of(Netty4Plugin.class));
            node.start();
        } catch (Exception e) {
            throw new IllegalStateException("embedded Elasticsearch did not start", e);
        }
    }

    /** The node shared by everything in this JVM, started on first use on a free port. */
    public static synchronized EmbeddedElasticsearch shared() {
        if (shared == null) {
            shared = start(tempHome(), freePort());
        }
        return shared;
    }

    /** Starts the JVM's node on a given port and data folder (the dev run keeps its index between runs). */
    public static synchronized EmbeddedElasticsearch start(Path home, int httpPort) {
        if (shared != null) {
            return shared;
        }
        // the native helpers look for their libraries here; none ship in the jars, so point at an empty folder
        System.setProperty("es.nativelibs.path", home.resolve("native").toString());
        LogConfigurator.configureESLogging();
        shared = new EmbeddedElasticsearch(home, httpPort);
        Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "embedded-elasticsearch-stop"));
        return shared;
    }

    public String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    private void close() {
        try {
            node.close();
            node.awaitClose(10, TimeUnit.SECONDS);
        } catch (IOException | InterruptedException e) {
            // shutting down the JVM anyway
        }
    }

    private static Path tempHome() {
        try {
            Path dir = Files.createTempDirectory("campaignpilot-es-");
            dir.toFile().deleteOnExit();
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
