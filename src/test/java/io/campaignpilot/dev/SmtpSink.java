package io.campaignpilot.dev;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An SMTP relay on loopback that accepts every message and keeps none: it counts messages, connections and distinct
 * Message-IDs (a repeated one is a message sent twice), so a 100,000-recipient campaign can be sent to it without the
 * memory of a store that holds every message (GreenMail keeps each one and cannot be told not to). Speaks just
 * enough SMTP for a client such as Jakarta Mail: HELO/EHLO, MAIL, RCPT, DATA (dot-terminated, dot-stuffing undone),
 * RSET, NOOP, QUIT. One thread per connection.
 */
public final class SmtpSink implements AutoCloseable {
    private static final int MAX_LINE = 64 * 1024;

    private final ServerSocket server;
    private final ExecutorService connections;
    private final AtomicLong messages = new AtomicLong();
    private final AtomicLong recipients = new AtomicLong();
    private final AtomicLong opened = new AtomicLong();
    private final AtomicLong withoutMessageId = new AtomicLong();
    private final AtomicLong refused = new AtomicLong(-1);
    private final Set<String> messageIds = ConcurrentHashMap.newKeySet();
    private final Set<String> unknownMailboxes = ConcurrentHashMap.newKeySet();
    private final AtomicLong rejected = new AtomicLong();
    private volatile boolean running = true;

    private SmtpSink(ServerSocket server) {
        this.server = server;
        AtomicLong n = new AtomicLong();
        this.connections = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "smtp-sink-" + n.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        connections.submit(this::accept);
    }

    /** Listens on a free loopback port. */
    public static SmtpSink start() {
        try {
            return new SmtpSink(new ServerSocket(0, 100, InetAddress.getLoopbackAddress()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Messages accepted (one per completed DATA). */
    public long messages() {
        return messages.get();
    }

    public long recipients() {
        return recipients.get();
    }

    /** From now on RCPT TO this address is answered 550, as a relay answers for a mailbox that does not exist. */
    public void rejectRecipient(String address) {
        unknownMailboxes.add(address.toLowerCase(Locale.ROOT));
    }

    /** RCPT TO commands answered 550. */
    public long rejectedRecipients() {
        return rejected.get();
    }

    /** SMTP connections opened by clients. */
    public long connections() {
        return opened.get();
    }

    public int distinctMessageIds() {
        return messageIds.size();
    }

    /** Messages whose Message-ID had been seen before, or that had none. */
    public long duplicates() {
        return messages.get() - messageIds.size();
    }

    public long withoutMessageId() {
        return withoutMessageId.get();
    }

    /**
     * The {@code nth} connection from now is answered "421" (service not available) and closed, as by a relay that is
     * briefly overloaded; the others are served as usual.
     */
    public void refuseConnection(int nth) {
        refused.set(opened.get() + nth);
    }

    @Override
    public void close() {
        running = false;
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
        connections.shutdownNow();
    }

    private void accept() {
        while (running) {
            try {
                Socket socket = server.accept();
                if (opened.incrementAndGet() == refused.get()) {
                    connections.submit(() -> refuse(socket));
                } else {
                    connections.submit(() -> converse(socket));
                }
            } catch (IOException e) {
                if (running) {
                    System.err.println("smtp sink: " + e);
                }
            }
        }
    }

    /** The mailbox of a {@code RCPT TO:<…>} line, lower case. */
    private static String address(String line) {
        int open = line.indexOf('<');
        int close = line.indexOf('>', open + 1);
        return (open >= 0 && close > open ? line.substring(open + 1, close) : line.substring(line.indexOf(':') + 1).strip())
                .toLowerCase(Locale.ROOT);
    }

    private static void refuse(Socket socket) {
        try (socket; OutputStream out = socket.getOutputStream()) {
            reply(out, "421 4.3.2 service not available, try again later");
        } catch (IOException ignored) {
            // the client may have gone already
        }
    }

    private void converse(Socket socket) {
        try (socket; InputStream in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
             OutputStream out = socket.getOutputStream()) {
            socket.setTcpNoDelay(true);
            reply(out, "220 sink ESMTP ready");
            boolean sender = false;
            int rcpts = 0;
            String line;
            while ((line = readLine(in)) != null) {
                String verb = (line.length() >= 4 ? line.substring(0, 4) : line).toUpperCase(Locale.ROOT);
                switch (verb) {
                    case "EHLO" -> reply(out, "250-sink\r\n250-8BITMIME\r\n250 SMTPUTF8");
                    case "HELO" -> reply(out, "250 sink");
                    case "MAIL" -> {
                        sender = true;
                        rcpts = 0;
                        reply(out, "250 OK");
                    }
                    case "RCPT" -> {
                        if (!sender) {
                            reply(out, "503 MAIL first");
                        } else if (unknownMailboxes.contains(address(line))) {
                            rejected.incrementAndGet();
                            reply(out, "550 5.1.1 <" + address(line) + ">: Recipient address rejected: User unknown");
                        } else {
                            rcpts++;
                            reply(out, "250 OK");
                        }
                    }
                    case "DATA" -> {
                        if (rcpts == 0) {
                            reply(out, "503 RCPT first");
                            continue;
                        }
                        reply(out, "354 end with <CRLF>.<CRLF>");
                        if (!readMessage(in)) {
                            return;
                        }
                        messages.incrementAndGet();
                        recipients.addAndGet(rcpts);
                        sender = false;
                        rcpts = 0;
                        reply(out, "250 OK accepted");
                    }
                    case "RSET" -> {
                        sender = false;
                        rcpts = 0;
                        reply(out, "250 OK");
                    }
                    case "NOOP" -> reply(out, "250 OK");
                    case "QUIT" -> {
                        reply(out, "221 bye");
                        return;
                    }
                    default -> reply(out, "502 not implemented");
                }
            }
        } catch (IOException e) {
            if (running) {
                System.err.println("smtp sink connection: " + e);
            }
        }
    }

    /**
     * Reads DATA up to the lone dot, undoing dot-stuffing; of the header only the Message-ID is kept (folded lines
     * joined), the body is read and dropped. False when the client hung up in the middle.
     */
    private boolean readMessage(InputStream in) throws IOException {
        boolean inHeader = true;
        String field = null;
        String messageId = null;
        String line;
        while ((line = readLine(in)) != null) {
            if (line.equals(".")) {
                messageId = messageId != null ? messageId : messageIdIn(field);
                if (messageId == null || messageId.isEmpty()) {
                    withoutMessageId.incrementAndGet();
                } else {
                    messageIds.add(messageId);
                }
                return true;
            }
            if (!inHeader) {
                continue;
            }
            if (line.startsWith(".")) {
                line = line.substring(1);
            }
            if (field != null && !line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                field = field + line;
                continue;
            }
            // a new field or the blank line ends the one before
            messageId = messageId != null ? messageId : messageIdIn(field);
            field = line.isEmpty() ? null : line;
            inHeader = !line.isEmpty();
        }
        return false;
    }

    private static String messageIdIn(String field) {
        return field != null && field.regionMatches(true, 0, "Message-ID:", 0, 11) ? field.substring(11).strip() : null;
    }

    /** A line without its CRLF (a bare LF also ends it), as ISO-8859-1 so any byte survives; null at the end. */
    private static String readLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        int b;
        while ((b = in.read()) != -1) {
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
                return new String(bytes, 0, length, StandardCharsets.ISO_8859_1);
            }
            if (line.size() < MAX_LINE) {
                line.write(b);
            }
        }
        return line.size() == 0 ? null : line.toString(StandardCharsets.ISO_8859_1);
    }

    private static void reply(OutputStream out, String text) throws IOException {
        out.write((text + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }
}
