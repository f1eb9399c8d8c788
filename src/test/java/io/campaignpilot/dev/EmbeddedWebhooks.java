package io.campaignpilot.dev;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * An SMS and push provider's webhook on 127.0.0.1, as a provider would check us: a message whose
 * {@code X-CampaignPilot-Signature} is not the HMAC-SHA256 of {@code timestamp + "." + body} under the shared secret,
 * whose timestamp is more than five minutes off, or that has no {@code Idempotency-Key}, is refused (401/400) and not
 * kept. Every signed message is kept with the answer it got; answers are 200 with a message id unless a test scripts
 * others. The dev run starts one for both channels and logs what arrives.
 */
public final class EmbeddedWebhooks {
    private static final Logger log = LoggerFactory.getLogger(EmbeddedWebhooks.class);
    private static EmbeddedWebhooks shared;

    /** A signed message as it arrived, and the status it was answered with. */
    public record Received(String path, String idempotencyKey, String body, int status) {
    }

    /** What to answer a message: status, headers (Retry-After, say) and a JSON body. */
    public record Answer(int status, Map<String, String> headers, String body) {
        public static Answer accepted() {
            return new Answer(200, Map.of(), "{\"id\": \"msg-" + UUID.randomUUID() + "\"}");
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4, task -> {
        Thread thread = new Thread(task, "embedded-webhooks");
        thread.setDaemon(true);
        return thread;
    });
    private final String secret;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final AtomicInteger refused = new AtomicInteger();
    private volatile Function<Received, Answer> script = message -> Answer.accepted();

    /** Listens on 127.0.0.1 (port 0: any free one) and checks signatures with the secret. */
    public EmbeddedWebhooks(int port, String secret) {
        this.secret = secret;
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    /** The JVM's shared receiver, with a fresh random secret. */
    public static synchronized EmbeddedWebhooks shared() {
        return start(0);
    }

    /** Starts the JVM's shared receiver on a port (the dev run uses a fixed one). */
    public static synchronized EmbeddedWebhooks start(int port) {
        if (shared == null) {
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            shared = new EmbeddedWebhooks(port, HexFormat.of().formatHex(key));
            Runtime.getRuntime().addShutdownHook(new Thread(() -> shared.stop(), "embedded-webhooks-stop"));
        }
        return shared;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
    }

    public String secret() {
        return secret;
    }

    /** Every signed message so far, in arrival order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Messages refused for a missing or wrong signature, a stale timestamp or no idempotency key. */
    public int refused() {
        return refused.get();
    }

    /** Answers signed messages with the script from now on. */
    public void answer(Function<Received, Answer> script) {
        this.script = script;
    }

    public void stop() {
        server.stop(0);
        threads.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String timestamp = exchange.getRequestHeaders().getFirst("X-CampaignPilot-Timestamp");
            String signature = exchange.getRequestHeaders().getFirst("X-CampaignPilot-Signature");
            String key = exchange.getRequestHeaders().getFirst("Idempotency-Key");
            if (!"POST".equals(exchange.getRequestMethod()) || !signedByUs(timestamp, signature, body)) {
                refused.incrementAndGet();
                respond(exchange, new Answer(401, Map.of(), "{\"error\": {\"code\": \"invalid_signature\"}}"));
                return;
            }
            if (key == null || key.isBlank()) {
                refused.incrementAndGet();
                respond(exchange, new Answer(400, Map.of(), "{\"error\": {\"code\": \"missing_idempotency_key\"}}"));
                return;
            }
            String path = exchange.getRequestURI().getPath().substring(1);
            String text = new String(body, StandardCharsets.UTF_8);
            Answer answer = script.apply(new Received(path, key, text, 0));
            received.add(new Received(path, key, text, answer.status()));
            log.info("[webhook] {} {} answered {}", path, key, answer.status());
            respond(exchange, answer);
        }
    }

    private boolean signedByUs(String timestamp, String signature, byte[] body) {
        if (timestamp == null || signature == null || !signature.startsWith("sha256=") || !timestamp.matches("\\d{1,12}")
                || Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            byte[] expected = mac.doFinal(body);
            byte[] given = HexFormat.of().parseHex(signature.substring("sha256=".length()));
            return MessageDigest.isEqual(expected, given);
        } catch (IllegalArgumentException notHex) {
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(HttpExchange exchange, Answer answer) throws IOException {
        byte[] bytes = answer.body() == null ? new byte[0] : answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        answer.headers().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }
}
