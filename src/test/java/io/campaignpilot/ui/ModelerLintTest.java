package io.campaignpilot.ui;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The BPMN in processes/ passes the checks Camunda Modeler shows process owners: bpmnlint's recommended rules
 * plus the Camunda 7.24 compatibility plugin (src/test/js/.bpmnlintrc).
 */
class ModelerLintTest {
    private static final Path PROCESSES = Path.of("processes");

    @BeforeEach
    void tools() {
        NodeTools.require(NodeTools.HOME.resolve("node_modules/bpmnlint"));
    }

    @Test
    void everyProcessIsCleanUnderModelersLinter() throws IOException {
        List<String> files = bpmnFiles();
        assertThat(files).hasSizeGreaterThanOrEqualTo(5);

        NodeTools.Result lint = lint(files);

        assertThat(lint.exitCode()).as(lint.output()).isZero();
        assertThat(lint.output()).doesNotContain("warning", "error");
    }

    @Test
    void theLinterReportsAnUnlabelledTask(@TempDir Path dir) throws IOException {
        String lifecycle = Files.readString(PROCESSES.resolve("campaign-lifecycle.bpmn"));
        Path broken = dir.resolve("unlabelled.bpmn");
        Files.writeString(broken, lifecycle.replace("name=\"Check policy\"", ""));

        NodeTools.Result lint = lint(List.of(broken.toString()));

        assertThat(lint.exitCode()).as(lint.output()).isNotZero();
        assertThat(lint.output()).contains("label-required");
    }

    private static NodeTools.Result lint(List<String> files) {
        List<String> args = new ArrayList<>(List.of("--config", ".bpmnlintrc", "--max-warnings", "0"));
        files.forEach(f -> args.add(Path.of(f).toAbsolutePath().toString()));
        return NodeTools.node(Map.of(), 120, "node_modules/bpmnlint/bin/bpmnlint.js", args.toArray(String[]::new));
    }

    private static List<String> bpmnFiles() throws IOException {
        try (Stream<Path> files = Files.list(PROCESSES)) {
            return files.filter(p -> p.toString().endsWith(".bpmn")).map(Path::toString).sorted().toList();
        }
    }
}
