package io.campaignpilot.intake;

import io.campaignpilot.security.ApiUser;
import io.campaignpilot.web.ConflictException;
import io.campaignpilot.web.InvalidInputException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.springframework.http.HttpStatus.NOT_FOUND;

/**
 * What the broker delivered: counts, the inbox (what is waiting or failed, and why) and the dead letters; and, for
 * operators once the cause is fixed, a failed message retried or a dead letter replayed.
 */
@RestController
@RequestMapping("/api/intake")
public class IntakeController {
    private final Inbox inbox;
    private final DeadLetters deadLetters;
    private final IntakeProperties settings;
    private final Replay replay;

    IntakeController(Inbox inbox, DeadLetters deadLetters, IntakeProperties settings, Replay replay) {
        this.inbox = inbox;
        this.deadLetters = deadLetters;
        this.settings = settings;
        this.replay = replay;
    }

    @GetMapping
    public Map<String, Object> overview() {
        Map<String, Object> overview = new LinkedHashMap<>();
        overview.put("enabled", settings.enabled());
        overview.put("queues", IntakeConfiguration.QUEUES.stream().map(settings::queue).toList());
        overview.put("exchange", settings.exchange());
        overview.put("deadLetterQueue", settings.deadLetterQueue());
        overview.put("messages", inbox.counts());
        return overview;
    }

    /** The newest messages kept, of one status (PENDING, APPLIED, FAILED) or all. */
    @GetMapping("/inbox")
    public List<Inbox.Entry> inbox(@RequestParam(required = false) String status, @RequestParam(defaultValue = "100") int limit) {
        Inbox.Status wanted = null;
        if (status != null) {
            wanted = Arrays.stream(Inbox.Status.values()).filter(s -> s.name().equals(status)).findFirst()
                    .orElseThrow(() -> new InvalidInputException("status", "must be one of " + Arrays.toString(Inbox.Status.values())));
        }
        return inbox.recent(wanted, limited(limit));
    }

    @GetMapping("/inbox/{messageId}")
    public Inbox.Entry message(@PathVariable String messageId) {
        return inbox.find(messageId).orElseThrow(() -> new ResponseStatusException(NOT_FOUND, "no message " + messageId));
    }

    /** A FAILED message tried again from the start, once what it was waiting for is there. */
    @PostMapping("/inbox/{messageId}/retry")
    public Inbox.Entry retry(@PathVariable String messageId) {
        Inbox.Entry entry = message(messageId);
        if (!inbox.retry(messageId)) {
            throw new ConflictException("message " + messageId + " is " + entry.status() + "; only a FAILED one is retried", null);
        }
        return message(messageId);
    }

    /** A dead letter sent back to its queue, once, as it was sent: it is checked again as it arrives. */
    @PostMapping("/dead-letters/{id}/replay")
    public DeadLetters.DeadLetter replay(@PathVariable long id) {
        return replay.replay(id, ApiUser.current()).orElseThrow(() -> new ResponseStatusException(NOT_FOUND, "no dead letter " + id));
    }

    /** The newest dead letters, with the reason each was set aside, of one queue (triggers, catalog, orders) or all. */
    @GetMapping("/dead-letters")
    public List<DeadLetters.DeadLetter> deadLetters(@RequestParam(required = false) String queue,
                                                    @RequestParam(defaultValue = "100") int limit) {
        if (queue != null && !IntakeConfiguration.QUEUES.contains(queue)) {
            throw new InvalidInputException("queue", "must be one of " + IntakeConfiguration.QUEUES);
        }
        return deadLetters.recent(queue, limited(limit));
    }

    private static int limited(int limit) {
        if (limit < 1 || limit > 1000) {
            throw new InvalidInputException("limit", "must be between 1 and 1000");
        }
        return limit;
    }
}
