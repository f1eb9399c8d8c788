package io.campaignpilot.policy;

import org.drools.compiler.kie.builder.impl.DrlProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.runtime.StatelessKieSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Compiles the DRL rule files (classic build, so every error carries file and line) into a KieBase and
 * evaluates fact sets with a fresh stateless session. This node's own files are the packaged rules/ first; files in
 * the configured external folder replace packaged files of the same name and add new ones. A start with files that do
 * not compile fails; a later build that fails keeps the last good rules serving. Which rule set the cluster runs is
 * decided centrally ({@link ClusterRules}): this class only compiles and swaps what it is given.
 */
@Component
public class PolicyEngine {
    private static final Logger log = LoggerFactory.getLogger(PolicyEngine.class);
    private static final AtomicInteger BUILDS = new AtomicInteger();

    /** Compiled rules, the hash of the files they came from (the rules version), where each file came from, and when. */
    public record RuleSet(KieBase kieBase, String version, Map<String, String> files, Instant loadedAt, long buildMillis) {
    }

    /** Rule files by name: their DRL, and where each was read from (a classpath or file path, or another node's). */
    public record RuleFiles(Map<String, String> content, Map<String, String> origin) {
        public RuleFiles {
            content = new TreeMap<>(content);
            origin = new TreeMap<>(origin);
        }

        public String version() {
            return hash(content);
        }
    }

    private final PolicyProperties properties;
    private final AtomicReference<RuleSet> current = new AtomicReference<>();

    public PolicyEngine(PolicyProperties properties) {
        this.properties = properties;
        current.set(build(readFiles()));
        log.info("policy rules {} loaded from {}", current.get().version(), current.get().files());
    }

    /** Evaluates one fact set against the rules serving now; the result says which version judged it. */
    public PolicyResult evaluate(List<Object> facts) {
        return evaluate(current.get(), facts);
    }

    public static PolicyResult evaluate(RuleSet rules, List<Object> facts) {
        PolicyResult result = new PolicyResult();
        StatelessKieSession session = rules.kieBase().newStatelessKieSession();
        session.setGlobal("result", result);
        session.execute(facts);
        return result;
    }

    public RuleSet current() {
        return current.get();
    }

    public String version() {
        return current.get().version();
    }

    /**
     * Re-reads this node's rule files and swaps them in atomically if they compile; otherwise throws
     * {@link RuleSetException} with every error as file:line and keeps serving the rules it had. Evaluations running
     * meanwhile finish on the rules they started with. In the application, {@link ClusterRules#reload} is the way in:
     * it also makes the files the cluster's active rule set.
     */
    public synchronized RuleSet reload() {
        return install(build(readFiles()));
    }

    /** Swaps in rules already compiled; evaluations running meanwhile finish on the rules they started with. */
    public synchronized RuleSet install(RuleSet next) {
        RuleSet previous = current.getAndSet(next);
        if (!previous.version().equals(next.version())) {
            log.info("policy rules swapped: {} -> {} (built in {} ms)", previous.version(), next.version(), next.buildMillis());
        }
        return next;
    }

    /** This node's rule files: the packaged rules/, then the external folder's files over them. */
    public RuleFiles readFiles() {
        Map<String, String> files = new TreeMap<>();
        Map<String, String> origin = new TreeMap<>();
        try {
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:rules/*.drl")) {
                files.put(r.getFilename(), r.getContentAsString(StandardCharsets.UTF_8));
                origin.put(r.getFilename(), "classpath:rules/" + r.getFilename());
            }
            if (properties.rulesDir() != null && !properties.rulesDir().isBlank()) {
                Path dir = Path.of(properties.rulesDir());
                if (!Files.isDirectory(dir)) {
                    throw new RuleSetException(List.of("campaignpilot.policy.rules-dir " + dir.toAbsolutePath()
                            + " is not a directory"));
                }
                try (Stream<Path> paths = Files.list(dir)) {
                    for (Path p : paths.filter(p -> p.toString().endsWith(".drl")).sorted().toList()) {
                        files.put(p.getFileName().toString(), Files.readString(p));
                        origin.put(p.getFileName().toString(), p.toAbsolutePath().toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new RuleSetException(List.of("cannot read rule files: " + e.getMessage()));
        }
        if (files.isEmpty()) {
            throw new RuleSetException(List.of("no .drl files in classpath:rules/ or " + properties.rulesDir()));
        }
        return new RuleFiles(files, origin);
    }

    /** Compiles the given files; public so tests can validate a candidate rule set. */
    public RuleSet build(Map<String, String> files) {
        Map<String, String> origin = new TreeMap<>();
        files.keySet().forEach(f -> origin.put(f, "given"));
        return build(new RuleFiles(files, origin));
    }

    /** Compiles rule files, or throws {@link RuleSetException} listing every error as file:line: message. */
    public RuleSet build(RuleFiles files) {
        long started = System.nanoTime();
        KieBase kieBase = compile(files.content());
        return new RuleSet(kieBase, files.version(), files.origin(), Instant.now(), (System.nanoTime() - started) / 1_000_000);
    }

    /** Compiles rule files (name to DRL) or throws {@link RuleSetException} listing every error as file:line: message. */
    public static KieBase compile(Map<String, String> files) {
        KieServices ks = KieServices.Factory.get();
        ReleaseId releaseId = ks.newReleaseId("io.campaignpilot", "policy-rules", "1." + BUILDS.incrementAndGet());
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        files.forEach((name, content) -> kfs.write("src/main/resources/rules/" + name, content));
        KieBuilder builder = ks.newKieBuilder(kfs).buildAll(DrlProject.class);
        List<String> errors = builder.getResults().getMessages(Message.Level.ERROR).stream()
                .map(m -> Path.of(m.getPath() == null ? "?" : m.getPath()).getFileName() + ":" + m.getLine() + ": "
                        + m.getText().strip().replaceAll("\\s+", " "))
                .toList();
        if (!errors.isEmpty()) {
            throw new RuleSetException(errors);
        }
        return ks.newKieContainer(releaseId).getKieBase();
    }

    static String hash(Map<String, String> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            files.forEach((name, content) -> {
                digest.update(name.getBytes(StandardCharsets.UTF_8));
                digest.update(content.getBytes(StandardCharsets.UTF_8));
            });
            return HexFormat.of().formatHex(digest.digest()).substring(0, 12);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
