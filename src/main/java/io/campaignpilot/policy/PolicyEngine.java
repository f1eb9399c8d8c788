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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * Compiles the DRL rule files (classic build, so every error carries file and line) into a KieBase and
 * evaluates fact sets with a fresh stateless session. A reload that fails keeps the last good rules serving.
 */
@Component
public class PolicyEngine {
    private static final Logger log = LoggerFactory.getLogger(PolicyEngine.class);
    private static final AtomicInteger BUILDS = new AtomicInteger();

    /** Compiled rules and the hash of the files they came from. */
    public record RuleSet(KieBase kieBase, String version, List<String> files) {
    }

    private final PolicyProperties properties;
    private final AtomicReference<RuleSet> current = new AtomicReference<>();

    public PolicyEngine(PolicyProperties properties) {
        this.properties = properties;
        current.set(build(load()));
        log.info("policy rules {} loaded from {}", current.get().version(), current.get().files());
    }

    public PolicyResult evaluate(List<Object> facts) {
        RuleSet rules = current.get();
        PolicyResult result = new PolicyResult();
        StatelessKieSession session = rules.kieBase().newStatelessKieSession();
        session.setGlobal("result", result);
        List<Object> all = new ArrayList<>(facts);
        all.add(properties.thresholds());
        session.execute(all);
        return result;
    }

    public String version() {
        return current.get().version();
    }

    /** Re-reads the rule files; swaps atomically if they compile, otherwise throws and keeps serving the old ones. */
    public RuleSet reload() {
        RuleSet next = build(load());
        current.set(next);
        log.info("policy rules reloaded: {}", next.version());
        return next;
    }

    /** Rule file name to content, from the external rules folder if configured, else the packaged rules/. */
    Map<String, String> load() {
        Map<String, String> files = new TreeMap<>();
        try {
            if (properties.rulesDir() != null && !properties.rulesDir().isBlank()) {
                try (Stream<Path> paths = Files.list(Path.of(properties.rulesDir()))) {
                    for (Path p : paths.filter(p -> p.toString().endsWith(".drl")).toList()) {
                        files.put(p.getFileName().toString(), Files.readString(p));
                    }
                }
            } else {
                for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:rules/*.drl")) {
                    files.put(r.getFilename(), r.getContentAsString(StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read rule files", e);
        }
        if (files.isEmpty()) {
            throw new RuleSetException(List.of("no .drl files found in " + (properties.rulesDir() != null
                    ? properties.rulesDir() : "classpath:rules/")));
        }
        return files;
    }

    /** Compiles the given files; public so tests and the reload endpoint can validate a candidate rule set. */
    public static RuleSet build(Map<String, String> files) {
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
        KieBase kieBase = ks.newKieContainer(releaseId).getKieBase();
        return new RuleSet(kieBase, hash(files), List.copyOf(files.keySet()));
    }

    private static String hash(Map<String, String> files) {
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
