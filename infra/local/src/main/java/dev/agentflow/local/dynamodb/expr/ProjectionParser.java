package dev.agentflow.local.dynamodb.expr;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Parses a projection expression: document paths separated by commas, none overlapping another. */
final class ProjectionParser extends ParserBase {

  ProjectionParser(String text, ObjectNode names) {
    super(text, ExpressionKind.PROJECTION, names, null);
  }

  List<DocumentPath> parse() {
    List<DocumentPath> paths = new ArrayList<>();
    do {
      paths.add(path());
    } while (accept(TokenType.COMMA));
    if (peekType() != TokenType.EOF) {
      throw syntaxError();
    }
    outer:
    for (int i = 1; i < paths.size(); i++) {
      for (int j = 0; j < i; j++) {
        String problem = PathOverlap.check(paths.get(j), paths.get(i));
        if (problem != null) {
          defer(problem);
          break outer;
        }
      }
    }
    finish();
    return paths;
  }
}
