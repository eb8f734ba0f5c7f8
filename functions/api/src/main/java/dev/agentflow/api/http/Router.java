package dev.agentflow.api.http;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Matches a request to a route by method and path template ({@code /api/v1/workflows/{id}}), the way
 * API Gateway's route keys read ({@code "POST /api/v1/workflows/{id}/execute"}). Unknown paths are 404
 * NOT_FOUND, known paths with another method 405 METHOD_NOT_ALLOWED.
 */
public final class Router {

    private record Route(String method, String[] segments, Function<ApiRequest, ApiResponse> handler) {
    }

    private final List<Route> routes = new ArrayList<>();

    /**
     * Adds a route.
     *
     * @param method   HTTP method
     * @param template path with {@code {name}} segments
     * @param handler  the action
     * @return this router
     */
    public Router add(String method, String template, Function<ApiRequest, ApiResponse> handler) {
        routes.add(new Route(method, split(template), handler));
        return this;
    }

    /** The route keys, e.g. {@code GET /api/v1/workflows/{id}}, in declaration order. */
    public List<String> routeKeys() {
        return routes.stream().map(r -> r.method() + " /" + String.join("/", r.segments())).toList();
    }

    /**
     * Runs the matching route.
     *
     * @throws ApiException 404 / 405 when no route matches
     */
    public ApiResponse dispatch(ApiRequest request) {
        String[] path = split(request.path() == null ? "/" : request.path());
        TreeSet<String> allowed = new TreeSet<>();
        for (Route route : routes) {
            Map<String, String> params = match(route.segments(), path);
            if (params == null) {
                continue;
            }
            if (route.method().equals(request.method())) {
                return route.handler().apply(request.withPathParams(params));
            }
            allowed.add(route.method());
        }
        if (!allowed.isEmpty()) {
            throw new ApiException(405, ApiErrors.METHOD_NOT_ALLOWED,
                    request.method() + " is not allowed here; allowed: " + String.join(", ", allowed), null);
        }
        throw ApiException.notFound(ApiErrors.NOT_FOUND, "No route for " + request.method() + " " + request.path());
    }

    private static Map<String, String> match(String[] template, String[] path) {
        if (template.length != path.length) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            if (t.startsWith("{") && t.endsWith("}")) {
                if (path[i].isEmpty()) {
                    return null;
                }
                params.put(t.substring(1, t.length() - 1), path[i]);
            } else if (!t.equals(path[i])) {
                return null;
            }
        }
        return params;
    }

    private static String[] split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed.isEmpty() ? new String[0] : trimmed.split("/", -1);
    }
}
