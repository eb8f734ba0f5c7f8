package dev.agentflow.nodes.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.core.template.TemplateReferences;
import java.util.HashSet;
import java.util.Set;

/** The roots ({@code node_2}, {@code inputs}…) that the templates anywhere in a node config reference. */
public final class ConfigReferences {

    private ConfigReferences() {
    }

    /** Every reference root in every string (keys and values) of a JSON value. */
    public static Set<String> referencedRoots(JsonNode value) {
        Set<String> roots = new HashSet<>();
        collect(value, roots);
        return roots;
    }

    private static void collect(JsonNode value, Set<String> roots) {
        if (value == null) {
            return;
        }
        if (value.isTextual()) {
            TemplateReferences.extract(value.asText()).forEach(r -> roots.add(r.root()));
        } else if (value.isContainerNode()) {
            value.fieldNames().forEachRemaining(name -> TemplateReferences.extract(name).forEach(r -> roots.add(r.root())));
            value.forEach(child -> collect(child, roots));
        }
    }
}
