package io.campaignpilot.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.Message;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaIn;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaInputParameter;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOut;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaOutputParameter;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.camunda.bpm.model.xml.type.ModelElementType;
import org.camunda.bpm.model.xml.type.attribute.Attribute;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The models in processes/ and the forms in forms/ use only names declared in {@link ProcessNames}, and every name
 * declared there is used: by a model or form, or (a {@link ProcessNames.CodeOnly} variable) by the application's code.
 * A name is a process key, called element, message, external-task topic, user task, form, or a variable a model or
 * form uses: form field keys, the variables in {@code ${...}} and {@code #{...}} expressions (the objects they call
 * methods on, beans or Camunda's own, excluded), input/output and call-activity mappings, multi-instance collections
 * and element variables, and the start event's initiator.
 */
class ProcessNamesTest {
    private static final Path PROCESSES = Path.of("processes");
    private static final Path FORMS = Path.of("forms");
    private static final Path MAIN_SOURCES = Path.of("src/main/java");

    /** Camunda's own variables; anything else a model or form uses is ours and declared. */
    private static final Set<String> CAMUNDA_BUILT_INS = Set.of("execution", "task", "loopCounter", "nrOfInstances",
            "nrOfActiveInstances", "nrOfCompletedInstances", "authenticatedUserId");
    /** JUEL's reserved words. */
    private static final Set<String> EL_KEYWORDS = Set.of("and", "or", "not", "eq", "ne", "lt", "gt", "le", "ge", "div",
            "mod", "empty", "true", "false", "null", "instanceof");
    private static final String CAMUNDA_NS = "http://camunda.org/schema/1.0/bpmn";
    private static final Pattern EXPRESSION = Pattern.compile("[$#]\\{(.*?)}", Pattern.DOTALL);
    private static final Pattern VARIABLE_BY_NAME = Pattern.compile("[sg]etVariable(?:Local)?\\(\\s*'([^']*)'");
    private static final Pattern QUOTED = Pattern.compile("'[^']*'|\"[^\"]*\"");
    private static final Pattern IDENTIFIER = Pattern.compile("(?<![.\\w])([A-Za-z_]\\w*)(\\s*[.(])?");

    /** One name as a model or form uses it: where, and of what kind. */
    record Use(String file, String element, String kind, String name) {
        @Override
        public String toString() {
            return file + ", " + element + ": " + kind + " \"" + name + "\"";
        }
    }

    @Test
    void modelsAndFormsUseOnlyDeclaredNames() throws IOException {
        List<Use> uses = usesInModelsAndForms();
        Set<String> declared = declared().keySet();

        assertThat(uses).as("the models' and forms' names").hasSizeGreaterThan(50);
        assertThat(uses.stream().filter(u -> !declared.contains(u.name())).map(Use::toString))
                .as("names a model or form uses that ProcessNames does not declare (declare them there)").isEmpty();
    }

    @Test
    void everyDeclaredNameIsUsed() throws IOException {
        Set<String> used = new TreeSet<>(usesInModelsAndForms().stream().map(Use::name).toList());
        String mainCode = mainSourcesExceptProcessNames();
        List<String> stale = new ArrayList<>();
        declared().forEach((value, field) -> {
            boolean codeOnly = field.isAnnotationPresent(ProcessNames.CodeOnly.class);
            if (codeOnly && used.contains(value)) {
                stale.add(field.getName() + " (\"" + value + "\") is marked CodeOnly, yet a model or form uses it");
            } else if (codeOnly && !Pattern.compile("\\b" + field.getName() + "\\b").matcher(mainCode).find()) {
                stale.add(field.getName() + " (\"" + value + "\") is used by no code");
            } else if (!codeOnly && !used.contains(value)) {
                stale.add(field.getName() + " (\"" + value + "\") is used by no model or form (mark it CodeOnly, or remove it)");
            }
        });
        assertThat(stale).as("names ProcessNames declares that have gone stale").isEmpty();
    }

    @Test
    void everyFormAModelRefersToExists() throws IOException {
        Set<String> forms = new TreeSet<>();
        for (Path form : files(FORMS, ".form")) {
            forms.add(new ObjectMapper().readTree(form.toFile()).path("id").asText());
        }
        assertThat(usesInModelsAndForms().stream().filter(u -> u.kind().equals("form") && u.file().endsWith(".bpmn"))
                .filter(u -> !forms.contains(u.name())).map(Use::toString))
                .as("forms the models refer to that forms/ does not hold").isEmpty();
    }

    @Test
    void aNameMisspeltInAModelIsReported() throws IOException {
        String lifecycle = Files.readString(PROCESSES.resolve("campaign-lifecycle.bpmn"));
        String broken = lifecycle.replace("${generationRound &lt; maxGenerationRounds}",
                "${generationRnd &lt; maxGenerationRounds}");
        assertThat(broken).isNotEqualTo(lifecycle);

        List<Use> uses = usesInModel("broken.bpmn", broken);

        assertThat(uses).contains(new Use("broken.bpmn", "conditionExpression in f_block_retry", "variable", "generationRnd"));
        assertThat(uses).doesNotContain(new Use("broken.bpmn", "conditionExpression in f_block_retry", "variable", "reviewRoute"));
    }

    @Test
    void aFormFieldMisspeltIsReported() throws IOException {
        String review = Files.readString(FORMS.resolve("legal-review.form"));
        List<Use> uses = usesInForm("broken.form", review.replace("\"legalComment\"", "\"legalComent\""));

        assertThat(uses).contains(new Use("broken.form", "Field_29", "variable", "legalComent"));
    }

    /** The declared names, by value; a value declared twice would be two names for one thing. */
    private static Map<String, Field> declared() {
        Map<String, Field> byValue = new LinkedHashMap<>();
        List<String> twice = new ArrayList<>();
        for (Field field : ProcessNames.class.getDeclaredFields()) {
            int m = field.getModifiers();
            if (Modifier.isPublic(m) && Modifier.isStatic(m) && Modifier.isFinal(m) && field.getType() == String.class) {
                try {
                    Field other = byValue.put((String) field.get(null), field);
                    if (other != null) {
                        twice.add(other.getName() + " and " + field.getName());
                    }
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        assertThat(twice).as("ProcessNames fields with the same value").isEmpty();
        return byValue;
    }

    private static List<Use> usesInModelsAndForms() throws IOException {
        List<Use> uses = new ArrayList<>();
        for (Path model : files(PROCESSES, ".bpmn")) {
            uses.addAll(usesInModel(model.toString(), Files.readString(model)));
        }
        for (Path form : files(FORMS, ".form")) {
            uses.addAll(usesInForm(form.toString(), Files.readString(form)));
        }
        return uses;
    }

    private static List<Use> usesInModel(String file, String xml) {
        BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        List<Use> uses = new ArrayList<>();
        Set<ModelElementInstance> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (ModelElementType type : model.getModel().getTypes()) {
            for (ModelElementInstance element : model.getModelElementsByType(type)) {
                String where = where(element);
                for (Attribute<?> attribute : type.getAttributes()) {
                    String value = CAMUNDA_NS.equals(attribute.getNamespaceUri())
                            ? element.getAttributeValueNs(CAMUNDA_NS, attribute.getAttributeName())
                            : element.getAttributeValue(attribute.getAttributeName());
                    if (value != null) {
                        attributeUses(file, where, element, attribute.getAttributeName(), value, uses);
                    }
                }
                if (seen.add(element) && element.getDomElement().getChildElements().isEmpty()
                        && element.getTextContent() != null) {
                    expressionUses(file, where, element.getTextContent(), uses);
                }
            }
        }
        return uses;
    }

    private static void attributeUses(String file, String where, ModelElementInstance element, String attribute,
                                      String value, List<Use> uses) {
        boolean expression = EXPRESSION.matcher(value).find();
        switch (attribute) {
            // the bean a delegate expression names is a Spring bean, not a process name
            case "delegateExpression" -> {
            }
            case "id" -> {
                if (element instanceof Process) {
                    uses.add(new Use(file, where, "process key", value));
                } else if (element instanceof UserTask) {
                    uses.add(new Use(file, where, "user task", value));
                }
            }
            case "name" -> {
                if (element instanceof Message) {
                    uses.add(new Use(file, where, "message", value));
                } else if (element instanceof CamundaInputParameter || element instanceof CamundaOutputParameter) {
                    uses.add(new Use(file, where, "variable", value));
                }
            }
            case "calledElement" -> uses.add(new Use(file, where, expression ? "expression" : "called process", value));
            case "topic" -> uses.add(new Use(file, where, "topic", value));
            case "formRef", "formKey" -> uses.add(new Use(file, where, "form", value));
            case "initiator", "elementVariable" -> uses.add(new Use(file, where, "variable", value));
            case "source", "target" -> {
                if (element instanceof CamundaIn || element instanceof CamundaOut) {
                    uses.add(new Use(file, where, "variable", value));
                }
            }
            case "collection" -> {
                if (!expression) {
                    uses.add(new Use(file, where, "variable", value));
                }
            }
            default -> {
            }
        }
        if (expression && !attribute.equals("delegateExpression")) {
            expressionUses(file, where, value, uses);
        }
    }

    /** The variables in each {@code ${...}}: names read bare or by setVariable('name', ...), not objects called. */
    private static void expressionUses(String file, String where, String text, List<Use> uses) {
        Matcher expression = EXPRESSION.matcher(text);
        while (expression.find()) {
            String body = expression.group(1);
            Matcher byName = VARIABLE_BY_NAME.matcher(body);
            while (byName.find()) {
                uses.add(new Use(file, where, "variable", byName.group(1)));
            }
            Matcher identifier = IDENTIFIER.matcher(QUOTED.matcher(body).replaceAll("''"));
            while (identifier.find()) {
                String name = identifier.group(1);
                boolean calledOrCalledOn = identifier.group(2) != null;
                if (!calledOrCalledOn && !EL_KEYWORDS.contains(name) && !CAMUNDA_BUILT_INS.contains(name)) {
                    uses.add(new Use(file, where, "variable", name));
                }
            }
        }
    }

    private static List<Use> usesInForm(String file, String json) throws IOException {
        JsonNode form = new ObjectMapper().readTree(json);
        List<Use> uses = new ArrayList<>();
        uses.add(new Use(file, "form", "form", form.path("id").asText()));
        fieldKeys(file, form.path("components"), uses);
        return uses;
    }

    private static void fieldKeys(String file, JsonNode components, List<Use> uses) {
        for (JsonNode component : components) {
            if (component.hasNonNull("key")) {
                uses.add(new Use(file, component.path("id").asText(), "variable", component.path("key").asText()));
            }
            // a text view shows variables through templates: {{reviewVariants}}
            Matcher template = Pattern.compile("\\{\\{\\s*(\\w+)\\s*}}").matcher(component.path("text").asText());
            while (template.find()) {
                uses.add(new Use(file, component.path("id").asText(), "variable", template.group(1)));
            }
            fieldKeys(file, component.path("components"), uses);
        }
    }

    /** The element as a reader finds it in Modeler: its type and id, or the id of the element it belongs to. */
    private static String where(ModelElementInstance element) {
        String type = element.getElementType().getTypeName();
        for (ModelElementInstance e = element; e != null; e = e.getParentElement()) {
            if (e instanceof BaseElement base && base.getId() != null) {
                return e == element ? type + " " + base.getId() : type + " in " + base.getId();
            }
        }
        return type;
    }

    private static String mainSourcesExceptProcessNames() throws IOException {
        StringBuilder all = new StringBuilder();
        try (Stream<Path> files = Files.walk(MAIN_SOURCES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.endsWith("ProcessNames.java")).toList()) {
                all.append(Files.readString(file)).append('\n');
            }
        }
        return all.toString();
    }

    private static List<Path> files(Path dir, String suffix) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }
}
