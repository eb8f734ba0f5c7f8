package dev.agentflow.local.cli;

import dev.agentflow.local.template.TemplateException;
import dev.agentflow.local.template.TemplateProblem;
import dev.agentflow.local.template.TemplateValidator;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code agentflow validate [TEMPLATE]}: the offline {@code sam validate}-class checks of
 * {@link TemplateValidator} (resource types and properties, references, least privilege, runtime,
 * architecture, SnapStart, log groups). Prints one line per problem; exit 0 none, 1 problems, 2 unreadable.
 */
final class ValidateCommand implements Command {

    @Override
    public String name() {
        return "validate";
    }

    @Override
    public String summary() {
        return "Check template.yaml offline (types, properties, references, least privilege, SnapStart)";
    }

    @Override
    public String usage() {
        return """
                Usage: ./agentflow validate [TEMPLATE]

                Checks a SAM template without a network (default: template.yaml of the current directory):
                resource types and their required / known properties, every !Ref, !GetAtt and !Sub variable,
                no Allow of action * on resource *, Runtime java21 on arm64, SnapStart with an alias for
                functions behind the APIs or state machines, a log group with retention per function.

                Exit codes: 0 no problem; 1 problems (one per line on stdout: CODE at PATH: message);
                2 unreadable template (stderr).
                """;
    }

    @Override
    public int run(List<String> args, PrintStream out, PrintStream err) {
        if (args.size() > 1 || (!args.isEmpty() && args.get(0).startsWith("--"))) {
            err.println("agentflow validate: one TEMPLATE at most. See './agentflow validate --help'.");
            return 2;
        }
        Path template = Path.of(args.isEmpty() ? "template.yaml" : args.get(0));
        if (!Files.isRegularFile(template)) {
            err.println("agentflow validate: no such file: " + template);
            return 2;
        }
        List<TemplateProblem> problems;
        try {
            problems = TemplateValidator.validate(template);
        } catch (TemplateException e) {
            err.println("agentflow validate: " + e.getMessage());
            return 2;
        }
        problems.forEach(out::println);
        err.println(problems.isEmpty() ? template + ": no problems" : template + ": " + problems.size() + " problem(s)");
        return problems.isEmpty() ? 0 : 1;
    }
}
