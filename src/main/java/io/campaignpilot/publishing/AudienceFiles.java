package io.campaignpilot.publishing;

import io.campaignpilot.audience.Customer;
import io.campaignpilot.personaldata.PersonalDataStore;
import org.springframework.stereotype.Component;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The paid social audiences on disk: one CSV per campaign in the customer-match form the ad platforms take (a header,
 * then per recipient the SHA-256 hex of the trimmed, lower-cased email and of the phone number in E.164), never a
 * raw address. A file only ever changes by being written whole to a temporary file and moved over the old one, so a
 * reader (a download, an upload to the platform) sees the file before or after a batch, never half of one; and a row
 * already in it is not added again, so a batch tried twice leaves each recipient in once. Each batch rewrites the
 * file: linear in the audience, which for the batch size and audiences of a retailer's region is milliseconds.
 * One dispatcher at a time works a campaign's channel (its external task is locked); the lock here covers the rest
 * in this JVM (an erasure).
 */
@Component
class AudienceFiles implements PersonalDataStore {
    static final String HEADER = "Email,Phone";

    /** A recipient as the platform matches them; either hash may be empty when we hold no such address. */
    record Row(String emailHash, String phoneHash) {
        boolean empty() {
            return emailHash.isEmpty() && phoneHash.isEmpty();
        }

        String line() {
            return emailHash + "," + phoneHash;
        }

        static Row of(String line) {
            int comma = line.indexOf(',');
            return comma < 0 ? new Row(line, "") : new Row(line.substring(0, comma), line.substring(comma + 1));
        }
    }

    private final Path directory;
    private final PhoneNumbers phoneNumbers;
    private final Object[] locks = new Object[16];

    AudienceFiles(AudienceExportProperties properties, PhoneNumbers phoneNumbers) {
        this.directory = properties.directory().toAbsolutePath().normalize();
        this.phoneNumbers = phoneNumbers;
        for (int i = 0; i < locks.length; i++) {
            locks[i] = new Object();
        }
    }

    Row row(Customer customer) {
        return row(customer.email(), customer.phone());
    }

    private Row row(String email, String phone) {
        String e164 = phoneNumbers.e164(phone);
        return new Row(email == null || email.isBlank() ? "" : sha256(email.strip().toLowerCase(Locale.ROOT)),
                e164 == null ? "" : sha256(e164));
    }

    static String sha256(String normalised) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(normalised.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** The campaign's file name; a campaign id is a UUID, and nothing else may reach the file system. */
    static String fileName(String campaignId) {
        if (campaignId == null || !campaignId.matches("[A-Za-z0-9-]{1,64}")) {
            throw new IllegalArgumentException("not a campaign id: " + campaignId);
        }
        return "audience-" + campaignId + ".csv";
    }

    /** Adds the rows the campaign's file does not hold yet; returns the file's name. */
    String add(String campaignId, List<Row> rows) throws IOException {
        String name = fileName(campaignId);
        synchronized (lock(campaignId)) {
            rewrite(name, existing -> false, rows);
        }
        return name;
    }

    /** The campaign's file as it stands, or empty when nothing was exported yet. */
    Optional<byte[]> read(String campaignId) throws IOException {
        Path file = directory.resolve(fileName(campaignId));
        try {
            return Optional.of(Files.readAllBytes(file));
        } catch (java.nio.file.NoSuchFileException e) {
            return Optional.empty();
        }
    }

    @Override
    public String name() {
        return "audience_export";
    }

    /**
     * Takes the customer's row out of the campaigns' files, matched on either hash so a row written before a change of
     * email or number still goes. Files are not transactional: should the rest of the erasure roll back, the row is
     * gone all the same, which errs on the customer's side.
     */
    @Override
    public int erase(long customerId, String email, String phone, List<String> campaignIds) {
        Row erased = row(email, phone);
        if (erased.empty()) {
            return 0;
        }
        Predicate<Row> theirs = row -> (!erased.emailHash().isEmpty() && erased.emailHash().equals(row.emailHash()))
                || (!erased.phoneHash().isEmpty() && erased.phoneHash().equals(row.phoneHash()));
        int removed = 0;
        for (String campaignId : campaignIds) {
            String name = fileName(campaignId);
            synchronized (lock(campaignId)) {
                try {
                    if (Files.exists(directory.resolve(name))) {
                        removed += rewrite(name, theirs, List.of());
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException("the audience file of campaign " + campaignId + " could not be rewritten", e);
                }
            }
        }
        return removed;
    }

    /** Writes the file anew: the old rows but those dropped, then the new rows not in it yet. Returns rows dropped. */
    private int rewrite(String name, Predicate<Row> drop, List<Row> added) throws IOException {
        Files.createDirectories(directory, ownerOnly(true));
        Path file = directory.resolve(name);
        // one temporary name per file: a crash leaves at most one behind, and the next write reuses it
        Path temp = directory.resolve(name + ".tmp");
        Set<String> present = new HashSet<>();
        List<String> kept = new ArrayList<>();
        int dropped = 0;
        if (Files.exists(file)) {
            try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                in.readLine(); // the header
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    if (line.isEmpty() || !present.add(line)) {
                        continue;
                    }
                    if (drop.test(Row.of(line))) {
                        dropped++;
                    } else {
                        kept.add(line);
                    }
                }
            }
        }
        Set<String> fresh = new LinkedHashSet<>();
        for (Row row : added) {
            if (!row.empty() && !present.contains(row.line())) {
                fresh.add(row.line());
            }
        }
        try (FileChannel channel = FileChannel.open(temp, Set.of(StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING), ownerOnly(false))) {
            Writer out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel), StandardCharsets.UTF_8));
            out.write(HEADER + "\n");
            for (String line : kept) {
                out.write(line + "\n");
            }
            for (String line : fresh) {
                out.write(line + "\n");
            }
            out.flush();
            // on disk before it replaces the old file: a crash after the move never leaves an empty or torn file
            channel.force(true);
        }
        Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        return dropped;
    }

    private Object lock(String campaignId) {
        return locks[Math.floorMod(campaignId.hashCode(), locks.length)];
    }

    /** rwx------ / rw------- where the file system has POSIX permissions. */
    private static FileAttribute<?>[] ownerOnly(boolean folder) {
        if (!FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[0];
        }
        return new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString(folder ? "rwx------" : "rw-------"))};
    }
}
