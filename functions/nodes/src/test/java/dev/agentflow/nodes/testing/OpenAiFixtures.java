package dev.agentflow.nodes.testing;

import java.util.ArrayList;
import java.util.List;

/** OpenAI Chat Completions response bodies for the stub server. */
public final class OpenAiFixtures {

    private OpenAiFixtures() {
    }

    /** A non-streamed completion. */
    public static String completion(String text, String model, long prompt, long completion) {
        return """
                {"id":"chatcmpl-1","object":"chat.completion","created":1769681100,"model":"%s",
                 "choices":[{"index":0,"message":{"role":"assistant","content":%s},"finish_reason":"stop"}],
                 "usage":{"prompt_tokens":%d,"completion_tokens":%d,"total_tokens":%d}}
                """.formatted(model, quote(text), prompt, completion, prompt + completion);
    }

    /** The data items of a streamed completion: one chunk per piece, a finish chunk, a usage chunk. */
    public static List<String> streamChunks(String model, List<String> pieces, long prompt, long completion) {
        List<String> items = new ArrayList<>();
        String head = "{\"id\":\"chatcmpl-2\",\"object\":\"chat.completion.chunk\",\"created\":1769681100,\"model\":\"" + model + "\",";
        items.add(head + "\"choices\":[{\"index\":0,\"delta\":{\"role\":\"assistant\",\"content\":\"\"},\"finish_reason\":null}]}");
        for (String piece : pieces) {
            items.add(head + "\"choices\":[{\"index\":0,\"delta\":{\"content\":" + quote(piece) + "},\"finish_reason\":null}]}");
        }
        items.add(head + "\"choices\":[{\"index\":0,\"delta\":{},\"finish_reason\":\"stop\"}]}");
        items.add(head + "\"choices\":[],\"usage\":{\"prompt_tokens\":" + prompt + ",\"completion_tokens\":" + completion
                + ",\"total_tokens\":" + (prompt + completion) + "}}");
        return items;
    }

    /** An OpenAI error body. */
    public static String error(String message, String type, String code) {
        return "{\"error\":{\"message\":" + quote(message) + ",\"type\":\"" + type + "\",\"param\":null,\"code\":\"" + code + "\"}}";
    }

    private static String quote(String text) {
        return dev.agentflow.core.json.Json.write(text);
    }
}
