package io.campaignpilot.ui;

import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.BoundaryEvent;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.SubProcess;
import org.camunda.bpm.model.bpmn.instance.Activity;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.camunda.bpm.model.bpmn.instance.di.Waypoint;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the process owner sees at 100 % zoom in Modeler and Cockpit: no label overlaps another label or a shape, no
 * flow runs through a label or through a task, event or gateway it does not connect. Labels are measured as bpmn-js
 * draws them: 11 px Arial wrapped at 90 px, centred on the label's bounds, from their top; a flow's own label may
 * not sit on its line either.
 */
class DiagramLayoutTest {
    private static final Path PROCESSES = Path.of("processes");

    @Test
    void everyDiagramReadsCleanlyAtDefaultZoom() throws IOException {
        List<String> problems = new ArrayList<>();
        try (Stream<Path> files = Files.list(PROCESSES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".bpmn")).sorted().toList()) {
                problems.addAll(problems(file.getFileName().toString(), Files.readString(file)));
            }
        }
        assertThat(problems).as("layout problems").isEmpty();
    }

    @Test
    void aLabelMovedOntoAFlowAndAFlowDrawnThroughATaskAreReported() throws IOException {
        String lifecycle = Files.readString(PROCESSES.resolve("campaign-lifecycle.bpmn"));
        assertThat(problems("lifecycle", lifecycle)).isEmpty();

        // the Rejected end event's label dropped onto the "rejected" flow's label, and the register flow drawn
        // on through the task after the one it enters
        String broken = lifecycle
                .replaceFirst("(<bpmndi:BPMNShape id=\"Rejected_di\"[^>]*><dc:Bounds [^>]*/><bpmndi:BPMNLabel><dc:Bounds x=\")"
                        + "\\d+\" y=\"\\d+\"", "$1" + labelAt(lifecycle, "f_rejected_di"))
                .replaceFirst("(<bpmndi:BPMNEdge id=\"f_register_di\"[^>]*>)<di:waypoint x=\"(\\d+)\" y=\"(\\d+)\" />",
                        "$1<di:waypoint x=\"$2\" y=\"$3\" /><di:waypoint x=\"" + 10_000 + "\" y=\"$3\" />");
        assertThat(broken).isNotEqualTo(lifecycle);

        List<String> found = problems("lifecycle", broken);
        assertThat(found).anyMatch(p -> p.contains("label of \"Rejected\"") && p.contains("label of \"rejected\""));
        assertThat(found).anyMatch(p -> p.contains("flow Campaign started → Register campaign") && p.contains("crosses"));
    }

    /** The x="…" y="…" of a flow label's bounds, to move another label onto it. */
    private static String labelAt(String xml, String edgeId) {
        var m = java.util.regex.Pattern.compile("<bpmndi:BPMNEdge id=\"" + edgeId
                + "\".*?<bpmndi:BPMNLabel><dc:Bounds x=\"(\\d+)\" y=\"(\\d+)\"", java.util.regex.Pattern.DOTALL).matcher(xml);
        assertThat(m.find()).isTrue();
        return m.group(1) + "\" y=\"" + m.group(2) + "\"";
    }

    static List<String> problems(String file, String xml) {
        BpmnModelInstance model = Bpmn.readModelFromStream(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        List<Box> shapes = new ArrayList<>();
        List<Box> labels = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        List<String> unplaced = new ArrayList<>();
        for (BpmnShape shape : model.getModelElementsByType(BpmnShape.class)) {
            BaseElement element = shape.getBpmnElement();
            if (element instanceof SubProcess || !(element instanceof FlowNode node)) {
                continue; // an expanded sub-process contains its flows; lanes and pools are not drawn here
            }
            Bounds b = shape.getBounds();
            shapes.add(new Box(describe(node), node.getId(), b.getX(), b.getY(), b.getWidth(), b.getHeight(),
                    node instanceof BoundaryEvent boundary ? boundary.getAttachedTo().getId() : null));
            String name = node.getName();
            if (name != null && !name.isBlank() && !(node instanceof Activity)) {
                Bounds at = shape.getBpmnLabel() != null ? shape.getBpmnLabel().getBounds() : null;
                labels.add(at != null ? Box.label(name, node.getId(), at)
                        : Box.label(name, node.getId(), b.getX() + b.getWidth() / 2 - 45, b.getY() + b.getHeight() + 5, 90));
            }
        }
        for (BpmnEdge edge : model.getModelElementsByType(BpmnEdge.class)) {
            if (!(edge.getBpmnElement() instanceof SequenceFlow flow)) {
                continue;
            }
            List<Waypoint> points = new ArrayList<>(edge.getWaypoints());
            String what = "flow " + flow.getSource().getName() + " → " + flow.getTarget().getName();
            for (int i = 1; i < points.size(); i++) {
                lines.add(new Line(what, flow.getId(), flow.getSource().getId(), flow.getTarget().getId(),
                        points.get(i - 1).getX(), points.get(i - 1).getY(), points.get(i).getX(), points.get(i).getY()));
            }
            if (flow.getName() != null && !flow.getName().isBlank()) {
                Bounds at = edge.getBpmnLabel() != null ? edge.getBpmnLabel().getBounds() : null;
                if (at == null) {
                    unplaced.add(file + ": " + what + " has a name but no label position");
                } else {
                    labels.add(Box.label(flow.getName(), flow.getId(), at));
                }
            }
        }

        List<String> problems = new ArrayList<>(unplaced);
        for (int i = 0; i < labels.size(); i++) {
            Box label = labels.get(i);
            for (int j = i + 1; j < labels.size(); j++) {
                if (label.overlaps(labels.get(j))) {
                    problems.add(file + ": " + label.what() + " overlaps " + labels.get(j).what());
                }
            }
            for (Box shape : shapes) {
                if (label.overlaps(shape)) {
                    problems.add(file + ": " + label.what() + " overlaps " + shape.what());
                }
            }
            for (Line line : lines) {
                if (line.crosses(label)) {
                    problems.add(file + ": " + line.what() + " runs through " + label.what());
                }
            }
        }
        for (Line line : lines) {
            for (Box shape : shapes) {
                boolean own = shape.elementId().equals(line.sourceId()) || shape.elementId().equals(line.targetId())
                        || line.sourceId().equals(shape.host()) || line.targetId().equals(shape.host());
                if (!own && line.crosses(shape.shrunk(1))) {
                    problems.add(file + ": " + line.what() + " crosses " + shape.what());
                }
            }
        }
        return problems.stream().distinct().toList();
    }

    private static String describe(FlowNode node) {
        return node.getElementType().getTypeName() + " \"" + (node.getName() == null ? node.getId() : node.getName()) + "\"";
    }

    /** A rectangle on the canvas; for a label, the text as drawn. */
    record Box(String what, String elementId, double x, double y, double width, double height, String host) {
        private static final double WRAP = 90;
        private static final double LINE_HEIGHT = 11 * 1.2;
        private static final Map<Character, Integer> ARIAL = arial();

        private static Map<Character, Integer> arial() {
            Map<Character, Integer> widths = new HashMap<>();
            String[][] table = {
                    {"abdeghnopqu0123456789?", "556"}, {"ckvxyzsJ", "500"}, {"fit.,:;!/ I", "278"}, {"jl'|", "222"},
                    {"r-()", "333"}, {"m", "833"}, {"w", "722"}, {"ABEKPSVXY", "667"}, {"CDHNRUw", "722"},
                    {"FTZ", "611"}, {"GOQ", "778"}, {"L", "556"}, {"M", "833"}, {"W", "944"}};
            for (String[] row : table) {
                for (char c : row[0].toCharArray()) {
                    widths.putIfAbsent(c, Integer.parseInt(row[1]));
                }
            }
            return widths;
        }

        static Box label(String text, String elementId, Bounds at) {
            return label(text, elementId, at.getX(), at.getY(), at.getWidth());
        }

        /** bpmn-js centres the wrapped text on the label bounds' middle and draws it down from their top. */
        static Box label(String text, String elementId, double x, double y, double boundsWidth) {
            List<Double> lineWidths = wrap(text);
            double width = lineWidths.stream().mapToDouble(Double::doubleValue).max().orElse(0);
            double centre = x + boundsWidth / 2;
            // a pixel's margin around the text, so a label touching a line counts as crossing it
            return new Box("label of \"" + text + "\"", elementId, centre - width / 2 - 1, y - 1, width + 2,
                    lineWidths.size() * LINE_HEIGHT + 2, null);
        }

        /** Words laid out into lines no wider than bpmn-js's 90 px. */
        private static List<Double> wrap(String text) {
            List<Double> lines = new ArrayList<>();
            double current = 0;
            for (String word : text.trim().split("\\s+")) {
                double w = textWidth(word);
                if (current > 0 && current + textWidth(" ") + w > WRAP) {
                    lines.add(current);
                    current = w;
                } else {
                    current = current == 0 ? w : current + textWidth(" ") + w;
                }
            }
            lines.add(current);
            return lines;
        }

        /** Arial's advance widths (per 1000 em) at 11 px, so a label wraps where bpmn-js wraps it. */
        static double textWidth(String text) {
            double w = 0;
            for (char c : text.toCharArray()) {
                w += ARIAL.getOrDefault(c, Character.isUpperCase(c) ? 722 : 556) * 11 / 1000.0;
            }
            return w;
        }

        boolean overlaps(Box other) {
            return x < other.x + other.width && other.x < x + width && y < other.y + other.height && other.y < y + height;
        }

        Box shrunk(double by) {
            return new Box(what, elementId, x + by, y + by, width - 2 * by, height - 2 * by, host);
        }
    }

    /** One straight segment of a sequence flow. */
    record Line(String what, String flowId, String sourceId, String targetId, double x1, double y1, double x2, double y2) {
        /** Flows are drawn orthogonally; a slanted one is checked by sampling. */
        boolean crosses(Box box) {
            int steps = (int) Math.max(1, Math.ceil(Math.hypot(x2 - x1, y2 - y1)));
            for (int i = 0; i <= steps; i++) {
                double px = x1 + (x2 - x1) * i / steps;
                double py = y1 + (y2 - y1) * i / steps;
                if (px > box.x() && px < box.x() + box.width() && py > box.y() && py < box.y() + box.height()) {
                    return true;
                }
            }
            return false;
        }
    }
}
