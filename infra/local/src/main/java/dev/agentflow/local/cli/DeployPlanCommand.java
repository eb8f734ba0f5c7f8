package dev.agentflow.local.cli;

import dev.agentflow.local.deploy.DeploymentPlan;
import dev.agentflow.local.template.StackSettings;
import dev.agentflow.local.template.TemplateException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code agentflow deploy-plan}: template.yaml as the flat deployment plan of {@link DeploymentPlan}, one
 * tab-separated line per resource, for infra/localstack/deploy.sh. Exit 0 with the plan on stdout; 2 for bad
 * options or an unreadable template.
 */
final class DeployPlanCommand implements Command {

    @Override
    public String name() {
        return "deploy-plan";
    }

    @Override
    public String summary() {
        return "Print template.yaml as a flat deployment plan (used by infra/localstack/deploy.sh)";
    }

    @Override
    public String usage() {
        return """
                Usage: ./agentflow deploy-plan [--template FILE] [--stack-name NAME] [--region R] [--account ID]
                                               [--parameter KEY=VALUE]... [--env KEY=VALUE]...

                Prints every resource of the template, resolved as the local cloud resolves it, one line each with
                tab-separated fields: table, key, alias, secret, role, function, http-api, http-route, ws-api,
                ws-route, rule (see infra/localstack/README.md for the fields).

                Options:
                  --template FILE        default template.yaml
                  --stack-name NAME      AWS::StackName (default agentflow-local)
                  --region R             AWS::Region (default us-east-1)
                  --account ID           AWS::AccountId (default 000000000000)
                  --parameter KEY=VALUE  a template parameter, as sam deploy --parameter-overrides
                  --env KEY=VALUE        a variable added to every function's environment
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        Path template = Path.of("template.yaml");
        String stack = null;
        String region = null;
        String account = null;
        Map<String, String> parameters = new LinkedHashMap<>();
        Map<String, String> env = new LinkedHashMap<>();
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            if (i + 1 >= args.size() || !a.startsWith("--")) {
                err.println("agentflow deploy-plan: unexpected '" + a + "'. See './agentflow deploy-plan --help'.");
                return 2;
            }
            String value = args.get(++i);
            switch (a) {
                case "--template" -> template = Path.of(value);
                case "--stack-name" -> stack = value;
                case "--region" -> region = value;
                case "--account" -> account = value;
                case "--parameter", "--env" -> {
                    int eq = value.indexOf('=');
                    if (eq <= 0) {
                        err.println("agentflow deploy-plan: " + a + " wants KEY=VALUE, got '" + value + "'");
                        return 2;
                    }
                    (a.equals("--env") ? env : parameters).put(value.substring(0, eq), value.substring(eq + 1));
                }
                default -> {
                    err.println("agentflow deploy-plan: unknown option '" + a + "'. See './agentflow deploy-plan --help'.");
                    return 2;
                }
            }
        }
        if (!Files.isRegularFile(template)) {
            err.println("agentflow deploy-plan: no such file: " + template);
            return 2;
        }
        try {
            DeploymentPlan.lines(template, new StackSettings(region, account, stack, parameters), env).forEach(out::println);
            return 0;
        } catch (TemplateException | IllegalArgumentException e) {
            err.println("agentflow deploy-plan: " + e.getMessage());
            return 2;
        }
    }
}
