package dev.agentflow.shared.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.core.json.Json;
import java.util.Map;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Small helpers for DynamoDB attribute values. */
public final class Attrs {

    private Attrs() {
    }

    /** A string attribute. */
    public static AttributeValue s(String value) {
        return AttributeValue.builder().s(value).build();
    }

    /** A number attribute. */
    public static AttributeValue n(long value) {
        return AttributeValue.builder().n(Long.toString(value)).build();
    }

    /** A binary attribute. */
    public static AttributeValue b(byte[] value) {
        return AttributeValue.builder().b(SdkBytes.fromByteArray(value)).build();
    }

    /** A string attribute holding compact JSON. */
    public static AttributeValue json(JsonNode value) {
        return s(Json.write(value));
    }

    /** The string value of an attribute, or null when absent. */
    public static String str(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null ? null : v.s();
    }

    /** The number value of an attribute, or null when absent. */
    public static Long num(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.n() == null ? null : Long.parseLong(v.n());
    }

    /** The binary value of an attribute, or null when absent. */
    public static byte[] bin(Map<String, AttributeValue> item, String name) {
        AttributeValue v = item.get(name);
        return v == null || v.b() == null ? null : v.b().asByteArray();
    }

    /** The JSON held by a string attribute, or null when absent. */
    public static JsonNode jsonOf(Map<String, AttributeValue> item, String name) {
        String text = str(item, name);
        return text == null ? null : Json.parse(text);
    }
}
