package io.campaignpilot.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.instance.ServiceTask;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Process owners build with the templates Modeler finds next to the models (.camunda/element-templates): each one
 * validates against the Camunda 7 element template schema, and every service task in processes/ is an instance of
 * one, with the implementation the template fixes.
 */
class ElementTemplatesTest {
    private static final Path TEMPLATES = Path.of(".camunda/element-templates");
    private static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    private static final JsonMapper JSON = new JsonMapper();

    @BeforeEach
    void tools() {
        NodeTools.require(NodeTools.HOME.resolve("node_modules/@bpmn-io/element-templates-validator"));
    }

    @Test
    void everyTemplateValidatesAgainstTheSchema() throws IOException {
        long files;
        try (Stream<Path> all = Files.list(TEMPLATES)) {
            files = all.filter(p -> p.toString().endsWith(".json")).count();
        }
        NodeTools.Result result = validate(TEMPLATES);
        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output().lines().filter(l -> l.startsWith("VALID ")).count()).isEqualTo(files);
    }

    @Test
    void aTemplateWithoutABindingIsReported(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("broken.json"), Files.readString(TEMPLATES.resolve("check-policy.json"))
                .replaceFirst("\"binding\"", "\"bound\""));
        NodeTools.Result result = validate(dir);
        assertThat(result.exitCode()).isNotZero();
        assertThat(result.output()).contains("INVALID broken.json", "binding");
    }

    @Test
    void everyServiceTaskIsAnInstanceOfItsTemplate() throws IOException {
        Map<String, JsonNode> templates = new HashMap<>();
        try (Stream<Path> all = Files.list(TEMPLATES)) {
            for (Path file : all.filter(p -> p.toString().endsWith(".json")).toList()) {
                JsonNode template = JSON.readTree(file.toFile());
                templates.put(template.path("id").asText(), template);
            }
        }
        List<Path> models;
        try (Stream<Path> all = Files.list(Path.of("processes"))) {
            models = all.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList();
        }
        int tasks = 0;
        for (Path model : models) {
            for (ServiceTask task : Bpmn.readModelFromFile(model.toFile()).getModelElementsByType(ServiceTask.class)) {
                tasks++;
                String where = model.getFileName() + " " + task.getId();
                String id = task.getAttributeValueNs(CAMUNDA, "modelerTemplate");
                assertThat(templates).as(where + " names a template").containsKey(id);
                for (JsonNode property : templates.get(id).path("properties")) {
                    String attribute = property.path("binding").path("name").asText().replace("camunda:", "");
                    assertThat(task.getAttributeValueNs(CAMUNDA, attribute)).as(where + " " + attribute)
                            .isEqualTo(property.path("value").asText());
                }
            }
        }
        assertThat(tasks).isGreaterThanOrEqualTo(templates.size());
    }

    private static NodeTools.Result validate(Path dir) {
        return NodeTools.node(Map.of(), 60, "element-templates.mjs", dir.toAbsolutePath().toString());
    }
}
