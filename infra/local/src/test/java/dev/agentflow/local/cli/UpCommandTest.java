package dev.agentflow.local.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class UpCommandTest {

  @Test
  void run_whenTemplateGiven_shouldPrintEndpointsServeUntilStoppedAndExitZero() throws Exception {
    String template = Path.of(getClass().getResource("/local-cloud/template.yaml").toURI()).toString();
    CountDownLatch stop = new CountDownLatch(1);
    UpCommand up = new UpCommand(shutdown -> {
      stop.await();
      shutdown.run();
    });
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();

    CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> up.run(
        List.of("--template", template, "--port", "0", "--in-memory", "--parameter", "Stage=ci"),
        new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8)));
    URI edge = awaitEdge(out);
    HttpResponse<String> tables = HttpClient.newHttpClient().send(HttpRequest.newBuilder(edge)
        .header("X-Amz-Target", "DynamoDB_20120810.ListTables").header("Content-Type", "application/x-amz-json-1.0")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());
    stop.countDown();

    assertEquals(0, exit.get(30, TimeUnit.SECONDS));
    String banner = out.toString(StandardCharsets.UTF_8);
    assertTrue(banner.contains("5 functions, 2 tables, 1 event rules"), banner);
    assertTrue(banner.contains("agentflow-ci-items"), banner);
    assertTrue(banner.contains("aws --endpoint-url " + edge + " stepfunctions list-state-machines"), banner);
    assertTrue(banner.contains("AWS_ACCESS_KEY_ID=test"), banner);
    assertTrue(tables.body().contains("agentflow-ci-items"), tables.body());
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("Stopped."), err.toString(StandardCharsets.UTF_8));
  }

  private static URI awaitEdge(ByteArrayOutputStream out) throws InterruptedException {
    Pattern endpoint = Pattern.compile("Edge endpoint\\s+(http://\\S+)");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    while (Instant.now().isBefore(deadline)) {
      Matcher matcher = endpoint.matcher(out.toString(StandardCharsets.UTF_8));
      if (matcher.find()) {
        return URI.create(matcher.group(1));
      }
      Thread.sleep(50);
    }
    throw new AssertionError("up printed no endpoint: " + out.toString(StandardCharsets.UTF_8));
  }

  @Test
  void run_whenUnknownOptionOrMissingTemplate_shouldExitTwo() {
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream errStream = new PrintStream(err, true, StandardCharsets.UTF_8);
    UpCommand up = new UpCommand(shutdown -> shutdown.run());

    assertEquals(2, up.run(List.of("--bogus"), System.out, errStream));
    assertEquals(2, up.run(List.of("--template", "/no/such/template.yaml", "--in-memory"), System.out, errStream));
    assertEquals(2, up.run(List.of("--port", "99999"), System.out, errStream));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("no template at /no/such/template.yaml"));
  }

  @Test
  void cli_whenUpRegistered_shouldListItAndPrintUsage() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);

    assertEquals(0, new AgentflowCli().run(new String[] {"up", "--help"}, stream, stream));

    assertTrue(new AgentflowCli().usage().contains("up "));
    assertTrue(out.toString(StandardCharsets.UTF_8).contains("--data-dir PATH"));
  }
}
