package dev.agentflow.local.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.agentflow.core.json.Json;
import dev.agentflow.local.LocalCloudOptions;
import dev.agentflow.local.client.ApiException;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code agentflow keys add|list|delete}: the caller's LLM API keys through the HTTP API
 * ({@code /api/v1/api-keys}, seed 000 REQ-401), on the same connection rules as {@code run}
 * ({@link ApiConnection}: a local cloud is started in-process when none listens, keeping the key in the data
 * directory). {@code add} asks the provider to check the key first (REQ-401-3) unless {@code --no-verify}. The
 * key is read from a prompt or stdin (or {@code --key}, which shell history keeps) and never printed.
 *
 * <p>Exit codes: 0 done; 1 the API or the provider could not be reached; 2 bad input (unknown option, a key the
 * provider rejected, an unknown key id).
 */
public final class KeysCommand implements Command {

    private final Map<String, String> env;
    private final InputStream stdin;

    /** The CLI's {@code keys}: the process environment and stdin. */
    public KeysCommand() {
        this(System.getenv(), System.in);
    }

    /** @param env environment; @param stdin where a key comes from without a console */
    public KeysCommand(Map<String, String> env, InputStream stdin) {
        this.env = env;
        this.stdin = stdin;
    }

    @Override
    public String name() {
        return "keys";
    }

    @Override
    public String summary() {
        return "Store, list or delete your LLM API keys (KMS-encrypted by the API)";
    }

    @Override
    public String usage() {
        return """
                Usage: ./agentflow keys add --provider P [--name N] [--base-url URL] [--no-verify] [--key-stdin | --key K]
                       ./agentflow keys list
                       ./agentflow keys delete ID

                Your LLM API keys, stored through the HTTP API (POST/GET/DELETE /api/v1/api-keys): encrypted with KMS,
                only the last four characters ever shown. An llm node uses your key for its provider (or the one its
                config.apiKeyId names) before the platform key (OPENAI_API_KEY).

                  ./agentflow keys add --provider openai            # prompts for the key
                  printf '%s' "$DEEPSEEK_KEY" | ./agentflow keys add --provider deepseek --key-stdin

                add options:
                  --provider P     openai, azure, deepseek, qwen, siliconflow, ollama or openai-compatible
                  --name N         a name to tell keys apart
                  --base-url URL   the OpenAI-compatible endpoint to check the key with (default: the provider's
                                   public one; needed for azure and openai-compatible). Not stored: an llm node
                                   names its endpoint in config.baseUrl
                  --no-verify      store without asking the provider (GET {base-url}/models) first
                  --key-stdin      read the key from stdin (default: a prompt on a terminal, else stdin)
                  --key K          the key itself (visible in shell history and process lists)

                Connection options (all subcommands), as for ./agentflow run:
                  --endpoint URL   the HTTP API (default http://127.0.0.1:3000; a local cloud is started in this
                                   process when nothing listens there, keeping the key in --data-dir)
                  --token T        bearer token (default $AGENTFLOW_TOKEN, else a local token for --user)
                  --user ID        the user of a local token (default dev)
                  --data-dir PATH  the local cloud's data directory (default ~/.agentflow/local)
                  --template PATH  the SAM template of a cloud started for the command

                Output: the key's record as JSON on stdout ({id, provider, name, keyHint, createdAt, verified}), a
                list as a JSON array. Exit codes: 0 done; 1 API or provider unreachable; 2 bad input or rejected key.
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.isEmpty()) {
            err.println("agentflow keys: missing subcommand: add, list or delete. See './agentflow keys --help'.");
            return 2;
        }
        String sub = args.get(0);
        ObjectNode body = Json.object();
        String keyId = null;
        String key = null;
        boolean keyStdin = false;
        URI endpoint = ApiConnection.DEFAULT_ENDPOINT;
        String token = null;
        String user = "dev";
        Path dataDir = LocalCloudOptions.defaultDataDirectory();
        Path template = null;
        boolean verify = true;
        List<String> rest = args.subList(1, args.size());
        try {
            if (!List.of("add", "list", "delete").contains(sub)) {
                throw new IllegalArgumentException("unknown subcommand '" + sub + "': add, list or delete");
            }
            List<String> positional = new ArrayList<>();
            for (int i = 0; i < rest.size(); i++) {
                String a = rest.get(i);
                switch (a) {
                    case "--provider" -> body.put("provider", value(rest, ++i, a, sub, "add"));
                    case "--name" -> body.put("name", value(rest, ++i, a, sub, "add"));
                    case "--base-url" -> body.put("baseUrl", value(rest, ++i, a, sub, "add"));
                    case "--no-verify" -> verify = false;
                    case "--key" -> key = value(rest, ++i, a, sub, "add");
                    case "--key-stdin" -> keyStdin = true;
                    case "--endpoint" -> endpoint = URI.create(value(rest, ++i, a, sub, null));
                    case "--token" -> token = value(rest, ++i, a, sub, null);
                    case "--user" -> user = value(rest, ++i, a, sub, null);
                    case "--data-dir" -> dataDir = Path.of(value(rest, ++i, a, sub, null));
                    case "--template" -> template = Path.of(value(rest, ++i, a, sub, null));
                    default -> {
                        if (a.startsWith("--")) {
                            throw new IllegalArgumentException("unknown option '" + a + "'. See './agentflow keys --help'.");
                        }
                        positional.add(a);
                    }
                }
            }
            if (sub.equals("delete")) {
                if (positional.size() != 1) {
                    throw new IllegalArgumentException("delete wants one key id, e.g. ./agentflow keys delete key_…");
                }
                keyId = positional.get(0);
            } else if (!positional.isEmpty()) {
                throw new IllegalArgumentException("unexpected argument '" + positional.get(0) + "'");
            }
            if (sub.equals("add")) {
                if (!body.has("provider")) {
                    throw new IllegalArgumentException("add needs --provider (openai, deepseek, …)");
                }
                if (key == null) {
                    key = readKey(keyStdin, err);
                }
                body.put("key", key);
                body.put("verify", verify);
            }
        } catch (IllegalArgumentException e) {
            err.println("agentflow keys: " + e.getMessage());
            return 2;
        }
        ApiConnection.Options connect = new ApiConnection.Options(endpoint, null, token, user, dataDir, false, template, false);
        try (ApiConnection c = ApiConnection.open(connect, err, env)) {
            switch (sub) {
                case "add" -> {
                    JsonNode added = c.api.send("POST", "/api/v1/api-keys", body);
                    out.println(Json.pretty(added));
                    err.println("Stored " + added.path("provider").asText() + " key " + added.path("id").asText() + " (…"
                            + added.path("keyHint").asText() + ")" + (added.path("verified").asBoolean()
                            ? ", checked with the provider." : ", not checked with the provider."));
                }
                case "list" -> out.println(Json.pretty(c.api.get("/api/v1/api-keys").path("items")));
                default -> {
                    c.api.send("DELETE", "/api/v1/api-keys/" + java.net.URLEncoder.encode(keyId, StandardCharsets.UTF_8), null);
                    err.println("Deleted key " + keyId + ".");
                }
            }
            return 0;
        } catch (ApiException e) {
            err.println("agentflow keys: " + (e.code() == null ? "" : e.code() + ": ") + e.getMessage());
            return e.status() >= 400 && e.status() < 500 ? 2 : 1;
        } catch (IllegalArgumentException e) {
            err.println("agentflow keys: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    private String readKey(boolean fromStdin, PrintStream err) {
        Console console = System.console();
        if (!fromStdin && console != null) {
            char[] typed = console.readPassword("API key (not echoed): ");
            if (typed == null || typed.length == 0) {
                throw new IllegalArgumentException("no key given");
            }
            return new String(typed).trim();
        }
        try {
            String line = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isBlank()) {
                throw new IllegalArgumentException("no key on stdin (pipe it in, or run in a terminal to be prompted)");
            }
            return line.trim();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the key from stdin: " + e.getMessage());
        }
    }

    private static String value(List<String> args, int index, String option, String sub, String onlyFor) {
        if (onlyFor != null && !onlyFor.equals(sub)) {
            throw new IllegalArgumentException(option + " is an option of 'keys " + onlyFor + "'");
        }
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }
}
