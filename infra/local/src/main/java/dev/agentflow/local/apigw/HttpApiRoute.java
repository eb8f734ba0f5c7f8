package dev.agentflow.local.apigw;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One route of the HTTP API, from a function's {@code HttpApi} event source in template.yaml.
 *
 * @param method       upper-case method, or {@code ANY}
 * @param path         path template, e.g. {@code /api/v1/workflows/{id}}
 * @param functionName the function to invoke
 * @param authorized   whether the JWT authorizer guards it (false for {@code Auth: {Authorizer: NONE}})
 */
public record HttpApiRoute(String method, String path, String functionName, boolean authorized) {

    /** The route key API Gateway reports, e.g. {@code POST /api/v1/workflows}. */
    public String routeKey() {
        return method + " " + path;
    }

    /**
     * Path parameters when {@code requestPath} matches this route's template ({@code {name}} one segment,
     * {@code {name+}} the rest), else null.
     */
    public Map<String, String> match(String requestMethod, String requestPath) {
        if (!method.equals("ANY") && !method.equals(requestMethod.toUpperCase(Locale.ROOT))) {
            return null;
        }
        String[] t = trim(path).split("/", -1);
        String[] p = trim(requestPath).split("/", -1);
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < t.length; i++) {
            if (t[i].startsWith("{") && t[i].endsWith("+}")) {
                params.put(t[i].substring(1, t[i].length() - 2), String.join("/", java.util.Arrays.copyOfRange(p, i, p.length)));
                return params;
            }
            if (i >= p.length) {
                return null;
            }
            if (t[i].startsWith("{") && t[i].endsWith("}")) {
                if (p[i].isEmpty()) {
                    return null;
                }
                params.put(t[i].substring(1, t[i].length() - 1), p[i]);
            } else if (!t[i].equals(p[i])) {
                return null;
            }
        }
        return t.length == p.length ? params : null;
    }

    private static String trim(String path) {
        String s = path.startsWith("/") ? path.substring(1) : path;
        return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
    }
}
