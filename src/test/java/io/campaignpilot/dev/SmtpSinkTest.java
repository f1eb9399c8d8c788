package io.campaignpilot.dev;

import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The benchmark's SMTP sink counts what a real client sends, and tells a repeated Message-ID. */
class SmtpSinkTest {

    @Test
    void countsMessagesAndTellsARepeatedMessageId() throws Exception {
        try (SmtpSink sink = SmtpSink.start()) {
            JavaMailSenderImpl mail = new JavaMailSenderImpl();
            mail.setHost("127.0.0.1");
            mail.setPort(sink.port());
            List<MimeMessage> messages = new ArrayList<>();
            for (String id : List.of("<a@campaignpilot>", "<b@campaignpilot>", "<a@campaignpilot>")) {
                MimeMessage message = mail.createMimeMessage();
                MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
                helper.setFrom("news@harborandpine.example");
                helper.setTo("amelia.1@customers.example");
                helper.setSubject("Picnic season");
                helper.setText("Hello\n.\n..and a line that starts with a dot\n");
                message.setHeader("Message-ID", id);
                messages.add(message);
            }

            mail.send(messages.toArray(MimeMessage[]::new));

            assertThat(sink.messages()).isEqualTo(3);
            assertThat(sink.distinctMessageIds()).isEqualTo(2);
            assertThat(sink.duplicates()).isEqualTo(1);
            assertThat(sink.connections()).isEqualTo(1);
        }
    }

    @Test
    void speaksEnoughSmtpForAnyClient() throws Exception {
        try (SmtpSink sink = SmtpSink.start();
             Socket socket = new Socket(InetAddress.getLoopbackAddress(), sink.port())) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII));
            OutputStream out = socket.getOutputStream();
            assertThat(in.readLine()).startsWith("220");
            assertThat(say(in, out, "HELO client")).startsWith("250");
            assertThat(say(in, out, "DATA")).as("no recipient yet").startsWith("503");
            assertThat(say(in, out, "MAIL FROM:<a@example>")).startsWith("250");
            assertThat(say(in, out, "RSET")).startsWith("250");
            assertThat(say(in, out, "RCPT TO:<b@example>")).as("the transaction was reset").startsWith("503");
            assertThat(say(in, out, "NOOP")).startsWith("250");
            assertThat(say(in, out, "MAIL FROM:<a@example>")).startsWith("250");
            assertThat(say(in, out, "RCPT TO:<b@example>")).startsWith("250");
            assertThat(say(in, out, "RCPT TO:<c@example>")).startsWith("250");
            assertThat(say(in, out, "DATA")).startsWith("354");
            // a folded Message-ID, and a body line that is a stuffed dot: neither ends the message
            assertThat(say(in, out, "Subject: x\r\nMessage-ID:\r\n <folded@campaignpilot>\r\n\r\n..\r\nbody\r\n."))
                    .startsWith("250");
            assertThat(say(in, out, "VRFY b")).startsWith("502");
            assertThat(say(in, out, "QUIT")).startsWith("221");

            assertThat(sink.messages()).isEqualTo(1);
            assertThat(sink.recipients()).isEqualTo(2);
            assertThat(sink.distinctMessageIds()).isEqualTo(1);
            assertThat(sink.withoutMessageId()).isZero();
        }
    }

    private static String say(BufferedReader in, OutputStream out, String line) throws Exception {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        return in.readLine();
    }
}
