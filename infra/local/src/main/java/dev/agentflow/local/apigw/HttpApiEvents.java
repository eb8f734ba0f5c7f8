package dev.agentflow.local.apigw;

import dev.agentflow.local.util.RequestIds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Builds the API Gateway HTTP API payload format 2.0 event and reads the function's answer (API Gateway
 * developer guide, "Working with AWS Lambda proxy integrations for HTTP APIs": headers lower-case and
 * comma-joined, cookies apart, {@code requestContext.authorizer.jwt.claims}, {@code time} as
 * {@code dd/MMM/yyyy:HH:mm:ss +0000}; a response without {@code statusCode} is 200 with the payload as body).
 */
public final class HttpApiEvents {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private HttpApiEvents() {
    }

    /** An incoming HTTP request. */
    public record Request(String method, String path, String rawQuery, Map<String, List<String>> headers, byte[] body,
                          String sourceIp) {
    }

    /** What goes back to the HTTP client. */
    public record Response(int status, Map<String, String> headers, List<String> cookies, byte[] body) {
    }

    /** The event for a request matched to {@code route}, with the verified claims (or null). */
    public static ObjectNode event(Request r, HttpApiRoute route, Map<String, String> pathParams,
                                   Map<String, String> claims, Instant now) {
        ObjectNode e = JSON.createObjectNode();
        e.put("version", "2.0");
        e.put("routeKey", route.routeKey());
        e.put("rawPath", r.path());
        e.put("rawQueryString", r.rawQuery() == null ? "" : r.rawQuery());
        ObjectNode headers = e.putObject("headers");
        var cookies = JSON.createArrayNode();
        r.headers().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.equals("cookie")) {
                values.forEach(v -> {
                    for (String c : v.split(";")) {
                        if (!c.isBlank()) {
                            cookies.add(c.trim());
                        }
                    }
                });
            } else {
                headers.put(lower, String.join(",", values));
            }
        });
        if (!cookies.isEmpty()) {
            e.set("cookies", cookies);
        }
        ObjectNode query = queryParameters(r.rawQuery());
        if (!query.isEmpty()) {
            e.set("queryStringParameters", query);
        }
        if (!pathParams.isEmpty()) {
            ObjectNode p = e.putObject("pathParameters");
            pathParams.forEach(p::put);
        }
        ObjectNode ctx = e.putObject("requestContext");
        ctx.put("accountId", "000000000000");
        ctx.put("apiId", "local");
        if (claims != null) {
            ObjectNode jwt = ctx.putObject("authorizer").putObject("jwt");
            ObjectNode c = jwt.putObject("claims");
            claims.forEach(c::put);
            jwt.putNull("scopes");
        }
        String host = headers.path("host").asText("localhost");
        ctx.put("domainName", host);
        ctx.put("domainPrefix", host.contains(".") ? host.substring(0, host.indexOf('.')) : host);
        ObjectNode http = ctx.putObject("http");
        http.put("method", r.method());
        http.put("path", r.path());
        http.put("protocol", "HTTP/1.1");
        http.put("sourceIp", r.sourceIp());
        http.put("userAgent", headers.path("user-agent").asText(""));
        ctx.put("requestId", RequestIds.next());
        ctx.put("routeKey", route.routeKey());
        ctx.put("stage", "$default");
        ctx.put("time", TIME.format(now));
        ctx.put("timeEpoch", now.toEpochMilli());
        if (r.body() != null && r.body().length > 0) {
            String text = utf8(r.body());
            if (text != null) {
                e.put("body", text);
                e.put("isBase64Encoded", false);
            } else {
                e.put("body", Base64.getEncoder().encodeToString(r.body()));
                e.put("isBase64Encoded", true);
            }
        } else {
            e.put("isBase64Encoded", false);
        }
        return e;
    }

    private static String utf8(byte[] bytes) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private static ObjectNode queryParameters(String raw) {
        ObjectNode q = JSON.createObjectNode();
        if (raw == null || raw.isEmpty()) {
            return q;
        }
        for (String pair : raw.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String name = decode(eq < 0 ? pair : pair.substring(0, eq));
            String value = eq < 0 ? "" : decode(pair.substring(eq + 1));
            q.put(name, q.has(name) ? q.get(name).asText() + "," + value : value);
        }
        return q;
    }

    private static String decode(String s) {
        try {
            return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    /** The HTTP response for a function's payload. */
    public static Response response(byte[] payload) {
        JsonNode node;
        try {
            node = JSON.readTree(payload);
        } catch (java.io.IOException e) {
            return new Response(200, Map.of("content-type", "application/json"), List.of(), payload);
        }
        if (node == null || !node.isObject() || !node.has("statusCode")) {
            return new Response(200, Map.of("content-type", "application/json"), List.of(), payload);
        }
        java.util.LinkedHashMap<String, String> headers = new java.util.LinkedHashMap<>();
        node.path("headers").fields().forEachRemaining(h -> headers.put(h.getKey(), h.getValue().asText()));
        List<String> cookies = new java.util.ArrayList<>();
        node.path("cookies").forEach(c -> cookies.add(c.asText()));
        String body = node.path("body").isMissingNode() || node.path("body").isNull() ? "" : node.path("body").asText();
        byte[] bytes = node.path("isBase64Encoded").asBoolean(false) ? Base64.getDecoder().decode(body)
                : body.getBytes(StandardCharsets.UTF_8);
        return new Response(node.path("statusCode").asInt(200), headers, cookies, bytes);
    }
}
