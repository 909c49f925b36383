package dev.kubeherd.cli.brigadm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.kubeherd.cli.CliHarness;
import dev.kubeherd.cli.CliHarness.Result;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.kube.store.SecretProjectStore;
import dev.kubeherd.testsupport.kube.EnableMockKube;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code brigadm init} on the mock API server (CRUD) with SSM on WireMock: one engine and one
 * project per namespace, upgrades in place, create-only conflicts, SSM failures, and no key
 * material anywhere but the project Secret.
 */
@EnableMockKube
class BrigadmInitMockKubeTest {
  static final String KEY =
      "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAAinit-test-only-key-material\n"
          + "-----END OPENSSH PRIVATE KEY-----\n";
  static final AtomicInteger NAMESPACES = new AtomicInteger();
  static KubernetesClient client;
  static KubernetesMockServer server;

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;
  CliHarness cli;
  String ns;

  @BeforeEach
  void setUp() {
    ns = "pipeline-" + NAMESPACES.incrementAndGet();
    cli = new CliHarness(dir.resolve("home"));
    cli.kube = client;
    cli.env.put("AWS_ENDPOINT_URL", wm.baseUrl());
    cli.env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    cli.env.put("AWS_SECRET_ACCESS_KEY", "test-secret");
    cli.env.put("AWS_REGION", "eu-west-1");
  }

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  private Result init(String... more) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("init", "--repository", "acme/cluster-repo", "--namespace", ns));
    args.addAll(List.of(more));
    return cli.brigadm(args.toArray(String[]::new));
  }

  private List<Secret> projectSecrets() {
    return client.secrets().inNamespace(ns).withLabel("component", "project").list().getItems();
  }

  private Project project() {
    return new SecretProjectStore(client, ns).find("acme/cluster-repo").orElseThrow();
  }

  @Test
  void initInstallsOneEngineAndOneProjectFromTheBundledChart() throws Exception {
    Path key = file("deploy_key", KEY);
    Path script = file("first.js", "console.log('first default');");

    Result r =
        init(
            "--ssh-key-from-path",
            key.toString(),
            "--default-script-from-path",
            script.toString(),
            "--env",
            "CLUSTER=k8stest1",
            "--secret",
            "SLACK=hook");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("created pipeline acme/cluster-repo in namespace " + ns + "\n");
    assertThat(client.apps().deployments().inNamespace(ns).withName("kubeherd-controller").get())
        .isNotNull();
    assertThat(client.serviceAccounts().inNamespace(ns).withName("brigade-worker").get())
        .isNotNull();
    assertThat(client.rbac().roles().inNamespace(ns).withName("kubeherd-worker").get()).isNotNull();
    assertThat(client.rbac().roleBindings().inNamespace(ns).withName("kubeherd-worker").get())
        .isNotNull();
    assertThat(projectSecrets()).hasSize(1);
    Project p = project();
    assertThat(p.repository()).isEqualTo("github.com/acme/cluster-repo");
    assertThat(p.cloneUrl()).isEqualTo("git@github.com:acme/cluster-repo.git");
    assertThat(p.value("sshKey")).isEqualTo(KEY);
    assertThat(p.value("defaultScript")).isEqualTo("console.log('first default');");
    assertThat(p.secretsJson()).isEqualTo("{\"CLUSTER\":\"k8stest1\",\"SLACK\":\"hook\"}");
    assertNoKeyIn(r.out() + r.err());
  }

  @Test
  void aRefusedKubernetesApiCallExitsThreeSayingWhatFailedAndWhatToCheck() {
    server
        .expect()
        .get()
        .withPath("/api/v1/namespaces/" + ns)
        .andReturn(
            403, "{\"kind\":\"Status\",\"code\":403,\"message\":\"namespaces is forbidden\"}")
        .always();

    Result r = init();

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err())
        .contains("Kubernetes API failed while installing the pipeline in namespace " + ns)
        .contains("HTTP 403")
        .contains("namespaces is forbidden")
        .contains("kube context")
        .contains("RBAC")
        .contains("reachable");
    assertThat(projectSecrets()).isEmpty();
  }

  @Test
  void aSecondInitUpgradesTheScriptAndKeyWithoutDuplicates() throws Exception {
    Path script1 = file("one.js", "// one");
    Path script2 = file("two.js", "// two");
    Path key1 = file("key1", KEY);
    Path key2 = file("key2", KEY.replace("init-test", "rotated"));
    assertThat(init("--ssh-key-from-path", key1.toString(), "--script", script1.toString()))
        .extracting(Result::exitCode)
        .isEqualTo(0);
    int engineObjects = client.apps().deployments().inNamespace(ns).list().getItems().size();

    Result r = init("--ssh-key-from-path", key2.toString(), "--default-script", script2.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).startsWith("upgraded pipeline acme/cluster-repo");
    assertThat(projectSecrets()).hasSize(1);
    assertThat(client.apps().deployments().inNamespace(ns).list().getItems())
        .hasSize(engineObjects);
    assertThat(project().value("defaultScript")).isEqualTo("// two");
    assertThat(project().value("sshKey")).contains("rotated");
  }

  @Test
  void createOnlyOnAnExistingProjectExitsFour() {
    assertThat(init().exitCode()).isZero();

    Result r = init("--fail-if-exists");

    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(r.err())
        .contains("project acme/cluster-repo already exists in namespace " + ns)
        .contains("leave out the create-only flag");
  }

  @Test
  void anotherProjectInTheNamespaceIsRefusedWithExitFour() {
    assertThat(init().exitCode()).isZero();

    Result r = cli.brigadm("init", "--repository", "acme/other-repo", "--namespace", ns);

    assertThat(r.exitCode()).isEqualTo(4);
    assertThat(r.err()).contains("one namespace holds one pipeline");
    assertThat(projectSecrets()).hasSize(1);
  }

  @Test
  void theKeyComesFromSsmDecryptedAndNeverReachesAFileOrTheOutput() throws Exception {
    wm.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
            .withRequestBody(matchingJsonPath("$.Name", equalTo("/kubeherd/deploy-key")))
            .withRequestBody(matchingJsonPath("$.WithDecryption", equalTo("true")))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(
                        "{\"Parameter\":{\"Name\":\"/kubeherd/deploy-key\",\"Type\":"
                            + "\"SecureString\",\"Value\":"
                            + SsmCommandsTest.jsonString(KEY)
                            + ",\"Version\":3}}")));
    Path tmp = Path.of(System.getProperty("java.io.tmpdir"));
    Set<Path> before = listing(tmp);
    Set<Path> cwdBefore = listing(Path.of("").toAbsolutePath());

    Result r = init("--ssh-key-from-ssm-parameter", "/kubeherd/deploy-key");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(project().value("sshKey")).isEqualTo(KEY);
    assertThat(project().value("secrets"))
        .as("the parameter's name, for the sync jobs' --ssh-key-from-ssm-parameter")
        .contains("\"SSH_KEY_SSM_PARAMETER\":\"/kubeherd/deploy-key\"");
    assertThat(project().value(ProjectKeys.PLAIN_SECRETS)).contains("SSH_KEY_SSM_PARAMETER");
    assertNoKeyIn(project().value("secrets"));
    assertNoKeyIn(r.out() + r.err());
    assertThat(listing(Path.of("").toAbsolutePath())).isEqualTo(cwdBefore);
    for (Path added : listing(tmp)) {
      if (!before.contains(added)) {
        assertNoKeyIn(contentsOf(added));
      }
    }
  }

  @Test
  void aMissingSsmParameterExitsThreeNamingIt() {
    wm.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
            .willReturn(
                aResponse()
                    .withStatus(400)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody("{\"__type\":\"ParameterNotFound\",\"message\":\"\"}")));

    Result r = init("--ssh-key-from-ssm-parameter", "/kubeherd/missing-key");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err()).contains("/kubeherd/missing-key").contains("brigadm ssm put");
    assertThat(projectSecrets()).isEmpty();
  }

  @Test
  void bothKeySourcesAreAUsageErrorAndAMissingKeyFileIsExitTwo() {
    Result both =
        init("--ssh-key-from-path", "/k", "--ssh-key-from-ssm-parameter", "/kubeherd/deploy-key");
    Result missing = init("--ssh-key-from-path", dir.resolve("nope").toString());
    Result badRepo = cli.brigadm("init", "--repository", "not-a-repo", "--namespace", ns);

    assertThat(both.exitCode()).isEqualTo(1);
    assertThat(both.err()).contains("mutually exclusive");
    assertThat(missing.exitCode()).isEqualTo(2);
    assertThat(missing.err()).contains("--ssh-key-from-path").contains("no such file");
    assertThat(badRepo.exitCode()).isEqualTo(1);
    assertThat(badRepo.err()).contains("expected ORG/REPO");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void theNamespaceDefaultsToTheRepositoryName() {
    Result r = cli.brigadm("init", "--repository", "acme/App-" + ns);

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(new SecretProjectStore(client, "app-" + ns).list()).hasSize(1);
  }

  private static Set<Path> listing(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.collect(Collectors.toSet());
    }
  }

  private static String contentsOf(Path p) {
    try (Stream<Path> walk = Files.walk(p)) {
      return walk.filter(Files::isRegularFile)
          .filter(Files::isReadable)
          .map(BrigadmInitMockKubeTest::read)
          .collect(Collectors.joining("\n"));
    } catch (IOException | java.io.UncheckedIOException e) {
      return ""; // another process's temp entry went away while we looked
    }
  }

  private static String read(Path f) {
    try {
      return new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      return "";
    }
  }

  static void assertNoKeyIn(String text) {
    assertThat(text).doesNotContain("b3BlbnNzaC1rZXktdjEAAAAA");
  }
}
