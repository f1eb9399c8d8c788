package io.campaignpilot.load;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * CPU time used so far by the processes of the run, from Linux's /proc: the nodes, PostgreSQL (every server
 * process), and this JVM (the in-JVM Elasticsearch node, the stub model and the sinks). Two readings apart tell
 * where a phase's CPU went, whichever process spent it. Empty where there is no /proc.
 */
final class ProcessCpu {
    private static final double TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** CPU seconds by group: "nodes", "PostgreSQL", "Elasticsearch, stubs and driver". */
    static Map<String, Double> read(Iterable<AppNode> nodes) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        double ours = 0;
        for (AppNode node : nodes) {
            ours += node.alive() ? seconds(node.pid()) : 0;
        }
        seconds.put("nodes", ours);
        double postgres = 0;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path p : processes.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).toList()) {
                String stat = stat(p.resolve("stat"));
                if (stat != null && stat.contains("(postgres)")) {
                    postgres += ticks(stat) / TICKS_PER_SECOND;
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        seconds.put("PostgreSQL", postgres);
        seconds.put("Elasticsearch, stubs and driver", seconds(ProcessHandle.current().pid()));
        return seconds;
    }

    private static double seconds(long pid) {
        String stat = stat(Path.of("/proc", String.valueOf(pid), "stat"));
        return stat == null ? 0 : ticks(stat) / TICKS_PER_SECOND;
    }

    private static String stat(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return null;
        }
    }

    /** utime + stime: fields 14 and 15, counted after the command name's closing parenthesis. */
    private static long ticks(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return Long.parseLong(fields[11]) + Long.parseLong(fields[12]);
    }
}
