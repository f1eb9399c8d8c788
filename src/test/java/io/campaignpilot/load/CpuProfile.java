package io.campaignpilot.load;

import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Where a node's CPU went, from its Java Flight Recorder file (the JDK's own sampling profiler, no agent to install):
 * each execution sample is charged to the CampaignPilot capability nearest the top of its stack (knowledge,
 * generation, policy, publishing, ...), or, with none on the stack, to the library at the top (the engine, JDBC,
 * the web server). Also the methods most often at the top of a stack.
 */
final class CpuProfile {
    private final Map<String, Long> byCapability = new HashMap<>();
    private final Map<String, Long> byMethod = new HashMap<>();
    private long samples;

    void add(Path recording) throws IOException {
        if (!Files.exists(recording)) {
            return;
        }
        for (RecordedEvent event : RecordingFile.readAllEvents(recording)) {
            if (!"jdk.ExecutionSample".equals(event.getEventType().getName()) || event.getStackTrace() == null) {
                continue;
            }
            List<RecordedFrame> frames = event.getStackTrace().getFrames();
            if (frames.isEmpty()) {
                continue;
            }
            samples++;
            byCapability.merge(capability(frames), 1L, Long::sum);
            RecordedFrame top = frames.getFirst();
            byMethod.merge(top.getMethod().getType().getName() + "." + top.getMethod().getName(), 1L, Long::sum);
        }
    }

    /**
     * The capability of the CampaignPilot frame nearest the top; an engine command (every one passes our command
     * interceptor) is the engine's time, charged to whichever of our methods asked for it.
     */
    private static String capability(List<RecordedFrame> frames) {
        boolean inEngineCommand = false;
        for (RecordedFrame frame : frames) {
            String type = frame.getMethod().getType().getName();
            if (!type.startsWith("io.campaignpilot.")) {
                continue;
            }
            if (type.endsWith(".GovernedEngineCommands")) {
                inEngineCommand = true;
                continue;
            }
            String rest = type.substring("io.campaignpilot.".length());
            String capability = rest.contains(".") ? rest.substring(0, rest.indexOf('.')) : rest;
            return inEngineCommand ? "engine for " + type.substring(type.lastIndexOf('.') + 1) + "."
                    + frame.getMethod().getName() : capability;
        }
        if (inEngineCommand) {
            return "engine (job executor)";
        }
        String top = frames.getFirst().getMethod().getType().getName();
        if (top.startsWith("org.camunda") || top.startsWith("org.apache.ibatis")) {
            return "engine (no CampaignPilot code on the stack)";
        } else if (top.startsWith("org.postgresql") || top.startsWith("com.zaxxer")) {
            return "JDBC";
        } else if (top.startsWith("org.apache.catalina") || top.startsWith("org.apache.tomcat")
                || top.startsWith("org.springframework")) {
            return "web and Spring";
        }
        return "JVM and other libraries";
    }

    String summary() {
        if (samples == 0) {
            return "no samples (run with -Dload.profile=true)";
        }
        return String.format(Locale.ROOT, "%d samples; by capability: %s; hottest methods: %s", samples,
                top(byCapability, 10), top(byMethod, 8));
    }

    private String top(Map<String, Long> counts, int n) {
        return counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(n)
                .map(e -> String.format(Locale.ROOT, "%s %.0f%%", e.getKey(), 100.0 * e.getValue() / samples))
                .collect(Collectors.joining(", "));
    }
}
