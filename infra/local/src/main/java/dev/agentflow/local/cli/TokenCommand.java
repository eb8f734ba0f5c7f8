package dev.agentflow.local.cli;

import dev.agentflow.local.apigw.LocalJwt;
import dev.agentflow.local.apigw.LocalJwtKeys;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * {@code agentflow token [--user ID] [--ttl SECONDS] [--data-dir PATH]}: prints a bearer token the local
 * HTTP API accepts (HS256, key in {@code <data-dir>/jwt-secret} or {@code AGENTFLOW_JWT_SECRET}).
 * Exit 0 with the token on stdout; 2 for bad options or an unreadable key.
 */
public final class TokenCommand implements Command {

    private final Map<String, String> env;

    /** The CLI's command, reading the process environment. */
    public TokenCommand() {
        this(System.getenv());
    }

    /** @param env environment (tests pass their own) */
    public TokenCommand(Map<String, String> env) {
        this.env = env;
    }

    @Override
    public String name() {
        return "token";
    }

    @Override
    public String summary() {
        return "Print a bearer token for the local HTTP API";
    }

    @Override
    public String usage() {
        return """
                Usage: ./agentflow token [--user ID] [--ttl SECONDS] [--data-dir PATH]

                Prints a JWT that the local cloud's HTTP API (port 3000) accepts, e.g.
                  curl -H "Authorization: Bearer $(./agentflow token)" localhost:3000/api/v1/workflows

                Options:
                  --user ID         the sub claim (default dev)
                  --ttl SECONDS     lifetime (default 43200, twelve hours)
                  --data-dir PATH   the local cloud's data directory, where jwt-secret lives (default ~/.agentflow/local)
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        String user = "dev";
        long ttl = 43_200;
        Path dataDir = Path.of(System.getProperty("user.home"), ".agentflow", "local");
        try {
            for (int i = 0; i < args.size(); i++) {
                String a = args.get(i);
                switch (a) {
                    case "--user" -> user = value(args, ++i, a);
                    case "--ttl" -> ttl = Long.parseLong(value(args, ++i, a));
                    case "--data-dir" -> dataDir = Path.of(value(args, ++i, a));
                    default -> throw new IllegalArgumentException("unknown option '" + a + "'. See './agentflow token --help'.");
                }
            }
            if (user.isBlank() || user.length() > 128 || user.contains("#")) {
                throw new IllegalArgumentException("--user must be 1 to 128 characters without '#'");
            }
            if (ttl <= 0) {
                throw new IllegalArgumentException("--ttl must be positive");
            }
        } catch (NumberFormatException e) {
            err.println("agentflow token: --ttl must be a number of seconds");
            return 2;
        } catch (IllegalArgumentException e) {
            err.println("agentflow token: " + e.getMessage());
            return 2;
        }
        try {
            LocalJwt jwt = LocalJwtKeys.load(dataDir, env);
            out.println(jwt.sign(user, Duration.ofSeconds(ttl)));
            return 0;
        } catch (IOException e) {
            err.println("agentflow token: cannot read the token key: " + e.getMessage());
            return 2;
        }
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }
}
