package dev.agentflow.local.sfn.asl;

import com.fasterxml.jackson.databind.JsonNode;
import dev.agentflow.local.sfn.data.PayloadTemplate;

/**
 * Pass: output = OutputPath(ResultPath(rawInput, Result ?? Parameters(InputPath(rawInput)))).
 * Source: ASL spec, "Pass State".
 *
 * @param result the Result field, or {@code null} (then the effective input is the result)
 */
public record PassState(String name, Transition transition, IoPath inputPath, PayloadTemplate parameters,
    JsonNode result, ResultPathSpec resultPath, IoPath outputPath, Assignment assign, JsonataFields jsonata)
    implements State {
  @Override
  public String type() {
    return "Pass";
  }
}
