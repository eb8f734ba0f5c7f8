package dev.agentflow.core.template;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Static analysis of {@code {{ }}} templates (seed 000 appendix A): which variables a template reads,
 * whether a string is exactly one reference, and that reference as a Step Functions JSONPath.
 *
 * <p>References look like {@code inputs.city}, {@code node_2.output.body.temperature},
 * {@code node_2.output.data[0]} or {@code node_2.output['a key']}. Inside Jinja blocks, names bound by
 * {@code for}, {@code set} and {@code macro} are local, not references; filters ({@code | upper}), tests
 * ({@code is defined}) and function calls are not references either.
 */
public final class TemplateReferences {

    /** One path segment after the root: {@code .name}, {@code [0]}, {@code ['key']} or {@code ["key"]}. */
    private static final String SEGMENT = "(?:\\.[A-Za-z_][A-Za-z0-9_]*|\\[\\d+\\]|\\['[^'\\\\]*'\\]|\\[\"[^\"\\\\]*\"\\])";
    private static final Pattern PURE = Pattern.compile(
            "^\\s*\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*" + SEGMENT + "*)\\s*\\}\\}\\s*$");
    private static final Pattern PLAIN_REF = Pattern.compile("\\{\\{\\s*([A-Za-z_][A-Za-z0-9_]*" + SEGMENT + "*)\\s*\\}\\}");
    private static final Pattern BLOCK = Pattern.compile("\\{\\{(.*?)\\}\\}|\\{%-?(.*?)-?%\\}", Pattern.DOTALL);
    private static final Pattern STRING_LITERAL = Pattern.compile("'(?:[^'\\\\]|\\\\.)*'|\"(?:[^\"\\\\]|\\\\.)*\"");
    private static final Pattern IDENT_CHAIN = Pattern.compile(
            "([A-Za-z_][A-Za-z0-9_]*)((?:\\s*\\.\\s*[A-Za-z_][A-Za-z0-9_]*|\\s*\\[[^\\]]*\\])*)");
    private static final Pattern FOR_BIND = Pattern.compile("^\\s*for\\s+(.+?)\\s+in\\s");
    private static final Pattern SET_BIND = Pattern.compile("^\\s*set\\s+([A-Za-z_][A-Za-z0-9_, ]*)\\s*=");
    private static final Pattern MACRO_BIND = Pattern.compile("^\\s*macro\\s+([A-Za-z_]\\w*)\\s*\\(([^)]*)\\)");
    private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "in", "is", "if", "else", "elif", "endif",
            "for", "endfor", "set", "endset", "macro", "endmacro", "true", "false", "none", "True", "False", "None",
            "loop", "raw", "endraw", "filter", "endfilter", "block", "endblock", "call", "endcall", "with", "endwith",
            "recursive", "caller", "super", "self", "varargs", "kwargs", "do", "break", "continue", "autoescape",
            "endautoescape", "exp_test", "import", "from", "as", "include", "extends", "range", "ifchanged", "endifchanged",
            "cycle", "print");

    private TemplateReferences() {
    }

    /**
     * A variable read by a template.
     *
     * @param root the first name, e.g. {@code inputs} or {@code node_2}
     * @param path the whole reference as written, whitespace removed, e.g. {@code node_2.output.data[0]}
     */
    public record Reference(String root, String path) {
    }

    /** Whether the string contains any {@code {{ }}} or {@code {% %}} block. */
    public static boolean isTemplate(String s) {
        return s.contains("{{") || s.contains("{%");
    }

    /** The reference when the whole string is exactly one {@code {{ ref }}}, e.g. {@code node_2.output.body}. */
    public static Optional<String> pureReference(String s) {
        Matcher m = PURE.matcher(s);
        return m.matches() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /**
     * Splits a template made only of text and plain references ({@code "Weather in {{inputs.city}}"})
     * into literal parts and references, for compiling to {@code States.Format}. Empty when the template
     * uses filters, blocks or expressions.
     *
     * @return alternating parts: even indexes literal text, odd indexes references
     */
    public static Optional<List<String>> plainInterpolation(String s) {
        List<String> parts = new ArrayList<>();
        Matcher m = PLAIN_REF.matcher(s);
        int last = 0;
        while (m.find()) {
            parts.add(s.substring(last, m.start()));
            parts.add(m.group(1));
            last = m.end();
        }
        String tail = s.substring(last);
        if (tail.contains("{{") || tail.contains("{%") || parts.stream().anyMatch(p -> p.contains("{{") || p.contains("{%"))) {
            return Optional.empty();
        }
        for (int i = 0; i < parts.size(); i += 2) {
            if (parts.get(i).contains("{{") || parts.get(i).contains("{%") || parts.get(i).contains("}}")) {
                return Optional.empty();
            }
        }
        parts.add(tail);
        return Optional.of(parts);
    }

    /**
     * Every variable a template reads, in order of first appearance, without the names bound inside it.
     * Tolerant: text that is not a template yields an empty list.
     */
    public static List<Reference> extract(String template) {
        if (!isTemplate(template)) {
            return List.of();
        }
        Set<String> bound = new HashSet<>();
        List<String> expressions = new ArrayList<>();
        Matcher block = BLOCK.matcher(template);
        while (block.find()) {
            String expr = block.group(1) != null ? block.group(1) : block.group(2);
            String noStrings = STRING_LITERAL.matcher(expr).replaceAll("''");
            if (block.group(2) != null) {
                collectBindings(noStrings, bound);
            }
            expressions.add(noStrings);
        }
        Set<Reference> refs = new LinkedHashSet<>();
        for (String expr : expressions) {
            Matcher m = IDENT_CHAIN.matcher(expr);
            while (m.find()) {
                String root = m.group(1);
                if (KEYWORDS.contains(root) || bound.contains(root) || !isReferencePosition(expr, m.start(), m.end())) {
                    continue;
                }
                String path = (root + m.group(2)).replaceAll("\\s+", "");
                refs.add(new Reference(root, path));
            }
        }
        return List.copyOf(refs);
    }

    private static void collectBindings(String stmt, Set<String> bound) {
        Matcher f = FOR_BIND.matcher(stmt);
        if (f.find()) {
            for (String v : f.group(1).split(",")) {
                bound.add(v.trim());
            }
        }
        Matcher s = SET_BIND.matcher(stmt);
        if (s.find()) {
            for (String v : s.group(1).split(",")) {
                bound.add(v.trim());
            }
        }
        Matcher mac = MACRO_BIND.matcher(stmt);
        if (mac.find()) {
            bound.add(mac.group(1));
            for (String v : mac.group(2).split(",")) {
                String name = v.split("=")[0].trim();
                if (!name.isEmpty()) {
                    bound.add(name);
                }
            }
        }
    }

    private static final Set<String> EXPRESSION_KEYWORDS =
            Set.of("and", "or", "not", "in", "if", "else", "elif", "for", "set", "print", "return", "do");

    /** False when the identifier at [start, end) is a filter, a test, a call, an attribute or a keyword argument. */
    private static boolean isReferencePosition(String expr, int start, int end) {
        int i = start - 1;
        while (i >= 0 && Character.isWhitespace(expr.charAt(i))) {
            i--;
        }
        if (i >= 0) {
            char c = expr.charAt(i);
            if (c == '|' || c == '.') {
                return false;
            }
            if (Character.isLetterOrDigit(c) || c == '_') {
                String word = wordEndingAt(expr, i);
                if (word.equals("is")) {
                    return false;
                }
                if (word.equals("not") && wordEndingAt(expr, skipSpaceBack(expr, i - word.length())).equals("is")) {
                    return false;
                }
                if (!EXPRESSION_KEYWORDS.contains(word)) {
                    return false;
                }
            }
        }
        int j = end;
        while (j < expr.length() && Character.isWhitespace(expr.charAt(j))) {
            j++;
        }
        if (j < expr.length()) {
            char c = expr.charAt(j);
            if (c == '(') {
                return false;
            }
            return c != '=' || j + 1 < expr.length() && expr.charAt(j + 1) == '=';
        }
        return true;
    }

    private static int skipSpaceBack(String expr, int i) {
        while (i >= 0 && Character.isWhitespace(expr.charAt(i))) {
            i--;
        }
        return i;
    }

    private static String wordEndingAt(String expr, int i) {
        if (i < 0) {
            return "";
        }
        int s = i;
        while (s >= 0 && (Character.isLetterOrDigit(expr.charAt(s)) || expr.charAt(s) == '_')) {
            s--;
        }
        return expr.substring(s + 1, i + 1);
    }

    /**
     * The Step Functions JSONPath of a reference in the compiled state document
     * ({@code {inputs, nodes: {id: {status, output}}, execution}}): {@code inputs.city} → {@code $.inputs.city},
     * {@code node_2.output.data[0]} → {@code $.nodes.node_2.output.data[0]}, {@code execution.id} →
     * {@code $.execution.id}.
     */
    public static String toStatePath(String reference) {
        String ref = reference.replaceAll("\\s+", "").replace("[\"", "['").replace("\"]", "']");
        int dot = firstSeparator(ref);
        String root = dot < 0 ? ref : ref.substring(0, dot);
        String rest = dot < 0 ? "" : ref.substring(dot);
        if (root.equals("inputs") || root.equals("execution")) {
            return "$." + root + rest;
        }
        return "$.nodes." + root + rest;
    }

    private static int firstSeparator(String ref) {
        for (int i = 0; i < ref.length(); i++) {
            char c = ref.charAt(i);
            if (c == '.' || c == '[') {
                return i;
            }
        }
        return -1;
    }
}
