package io.campaignpilot.dev;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/** An SMTP server inside this JVM that accepts every message and keeps it for inspection. */
public final class EmbeddedSmtp {
    private static EmbeddedSmtp shared;

    private final GreenMail server;
    private final int port;

    private EmbeddedSmtp(int port) {
        this.port = port;
        this.server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        server.start();
    }

    public static synchronized EmbeddedSmtp start(int port) {
        if (shared == null) {
            shared = new EmbeddedSmtp(port);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> shared.server.stop(), "embedded-smtp-stop"));
        }
        return shared;
    }

    public static synchronized EmbeddedSmtp shared() {
        return start(EmbeddedElasticsearch.freePort());
    }

    public int port() {
        return port;
    }

    public GreenMail server() {
        return server;
    }
}
