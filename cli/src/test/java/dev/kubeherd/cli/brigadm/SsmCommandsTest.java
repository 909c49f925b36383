package dev.kubeherd.cli.brigadm;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.MappingBuilder;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import dev.kubeherd.cli.CliHarness;
import dev.kubeherd.cli.CliHarness.Result;
import dev.kubeherd.toolkit.ToolkitExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code brigadm ssm put|get} (and {@code kubeherd brigadm ssm …}) against SSM on WireMock: the
 * exact JSON 1.1 requests, the raw output, the exit codes, and no value in any output or log.
 */
class SsmCommandsTest {
  static final String KEY =
      "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA-not-a-real-key\n"
          + "-----END OPENSSH PRIVATE KEY-----\n";

  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;
  CliHarness cli;
  PrintStream realErr;
  final ByteArrayOutputStream logs = new ByteArrayOutputStream();

  @BeforeEach
  void ssmOnWireMock() {
    cli = new CliHarness(dir.resolve("home"));
    cli.env.put("AWS_ENDPOINT_URL", wm.baseUrl());
    cli.env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    cli.env.put("AWS_SECRET_ACCESS_KEY", "test-secret");
    cli.env.put("AWS_REGION", "eu-west-1");
    realErr = System.err;
    System.setErr(new PrintStream(logs, true, StandardCharsets.UTF_8)); // slf4j-simple's target
  }

  @AfterEach
  void restoreStderr() {
    System.setErr(realErr);
  }

  static MappingBuilder ssm(String operation) {
    return post(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo("AmazonSSM." + operation));
  }

  static ResponseDefinitionBuilder json(int status, String body) {
    return aResponse()
        .withStatus(status)
        .withHeader("Content-Type", "application/x-amz-json-1.1")
        .withBody(body);
  }

  @Test
  void putStoresASecureStringFromAFileWithOverwrite() throws Exception {
    wm.stubFor(ssm("PutParameter").willReturn(json(200, "{\"Version\":4,\"Tier\":\"Standard\"}")));
    Path keyFile = Files.writeString(dir.resolve("deploy_key"), KEY);

    Result r =
        cli.brigadm("ssm", "put", "/kubeherd/deploy-key", "--value-from-file", keyFile.toString());

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo("/kubeherd/deploy-key: version 4 (SecureString)\n");
    wm.verify(
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("AmazonSSM.PutParameter"))
            .withHeader("Content-Type", equalTo("application/x-amz-json-1.1"))
            .withRequestBody(
                equalToJson(
                    "{\"Name\":\"/kubeherd/deploy-key\",\"Value\":"
                        + jsonString(KEY)
                        + ",\"Type\":\"SecureString\",\"Overwrite\":true}")));
    assertNoValueIn(r, KEY);
  }

  @Test
  void putPassesTheKmsKeyAndTheRegionFromTheFlag() {
    wm.stubFor(ssm("PutParameter").willReturn(json(200, "{\"Version\":1}")));

    Result r =
        cli.kubeherd(
            "brigadm",
            "ssm",
            "put",
            "/kubeherd/token",
            "ghp_example",
            "--kms-key-id",
            "alias/kubeherd",
            "--region",
            "us-east-2");

    assertThat(r.exitCode()).as(r.err()).isZero();
    LoggedRequest request = only();
    assertThat(request.getBodyAsString())
        .isEqualTo(
            "{\"Name\":\"/kubeherd/token\",\"Value\":\"ghp_example\",\"Type\":\"SecureString\","
                + "\"KeyId\":\"alias/kubeherd\",\"Overwrite\":true}");
    assertThat(request.getHeader("Authorization")).contains("/us-east-2/ssm/aws4_request");
    assertNoValueIn(r, "ghp_example");
  }

  @Test
  void putAsStringOnlyWhenAskedAndWarnsThatItIsClearText() {
    wm.stubFor(ssm("PutParameter").willReturn(json(200, "{\"Version\":2}")));

    Result r = cli.brigadm("ssm", "put", "/kubeherd/cluster", "k8stest1", "--type", "String");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(only().getBodyAsString()).contains("\"Type\":\"String\"").doesNotContain("KeyId");
    assertThat(r.err()).contains("Warning: /kubeherd/cluster is stored as String, in clear text");
  }

  @Test
  void putReadsTheValueFromStandardInput() {
    wm.stubFor(ssm("PutParameter").willReturn(json(200, "{\"Version\":1}")));
    cli.input = KEY;

    Result r = cli.brigadm("ssm", "put", "/kubeherd/deploy-key", "--value-from-file", "-");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(only().getBodyAsString()).contains("\"Value\":" + jsonString(KEY));
  }

  @Test
  void putWithAMissingValueFileExitsTwoAndCallsNothing() {
    Result r =
        cli.brigadm("ssm", "put", "/kubeherd/deploy-key", "--value-from-file", "/nonexistent/key");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).contains("value file /nonexistent/key does not exist; nothing was stored");
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void putNeedsExactlyOneValueSource() throws Exception {
    Path keyFile = Files.writeString(dir.resolve("k"), "x");

    Result both = cli.brigadm("ssm", "put", "/p", "v", "--value-from-file", keyFile.toString());
    Result none = cli.brigadm("ssm", "put", "/p");

    assertThat(both.exitCode()).isEqualTo(1);
    assertThat(both.err()).contains("either as VALUE or with --value-from-file");
    assertThat(none.exitCode()).isEqualTo(1);
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void putAccessDeniedExitsThreeNamingTheParameterAndTheAction() {
    wm.stubFor(
        ssm("PutParameter")
            .willReturn(
                json(
                    400,
                    "{\"__type\":\"AccessDeniedException\",\"Message\":\"User: arn:aws:iam::1:user/ci"
                        + " is not authorized to perform: ssm:PutParameter\"}")));

    Result r = cli.brigadm("ssm", "put", "/kubeherd/token", "ghp_secret_value");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err())
        .contains("access denied to SSM parameter /kubeherd/token in eu-west-1")
        .contains("must allow ssm:PutParameter");
    assertNoValueIn(r, "ghp_secret_value");
  }

  @Test
  void getPrintsTheDecryptedValueWithoutATrailingNewline() {
    wm.stubFor(
        ssm("GetParameter")
            .willReturn(
                json(
                    200,
                    "{\"Parameter\":{\"Name\":\"/kubeherd/deploy-key\",\"Type\":\"SecureString\","
                        + "\"Value\":"
                        + jsonString(KEY.strip())
                        + ",\"Version\":4}}")));

    Result r = cli.brigadm("ssm", "get", "/kubeherd/deploy-key");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(r.out()).isEqualTo(KEY.strip());
    wm.verify(
        postRequestedFor(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
            .withRequestBody(
                equalToJson("{\"Name\":\"/kubeherd/deploy-key\",\"WithDecryption\":true}")));
    assertThat(r.err()).isEmpty();
    assertThat(logs.toString(StandardCharsets.UTF_8)).doesNotContain("OPENSSH");
  }

  @Test
  void getOfAMissingParameterExitsSixNamingIt() {
    wm.stubFor(
        ssm("GetParameter")
            .willReturn(json(400, "{\"__type\":\"ParameterNotFound\",\"message\":\"\"}")));

    Result r = cli.kubeherd("brigadm", "ssm", "get", "/kubeherd/missing");

    assertThat(r.exitCode()).isEqualTo(6);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "Error: SSM parameter /kubeherd/missing not found in eu-west-1; create it with"
                + " 'brigadm ssm put /kubeherd/missing --value-from-file FILE' or check the name"
                + " and region\n");
  }

  @Test
  void getTellsAMissingParameterFromAccessDeniedByItsExitCode() {
    wm.stubFor(
        ssm("GetParameter")
            .withRequestBody(containing("/kubeherd/missing"))
            .willReturn(json(400, "{\"__type\":\"ParameterNotFound\",\"message\":\"\"}")));
    wm.stubFor(
        ssm("GetParameter")
            .withRequestBody(containing("/kubeherd/forbidden"))
            .willReturn(
                json(400, "{\"__type\":\"AccessDeniedException\",\"Message\":\"denied\"}")));

    Result missing = cli.brigadm("ssm", "get", "/kubeherd/missing");
    Result denied = cli.brigadm("ssm", "get", "/kubeherd/forbidden");

    assertThat(missing.exitCode()).isEqualTo(ToolkitExitCodes.PARAMETER_NOT_FOUND).isEqualTo(6);
    assertThat(denied.exitCode()).isEqualTo(ToolkitExitCodes.REMOTE_FAILED).isEqualTo(3);
    assertThat(missing.err()).contains("SSM parameter /kubeherd/missing not found in eu-west-1");
    assertThat(denied.err()).contains("access denied to SSM parameter /kubeherd/forbidden");
  }

  @Test
  void theHelpListsTheExitCodeOfAMissingParameter() {
    Result r = cli.brigadm("ssm", "get", "--help");

    assertThat(r.out())
        .containsPattern("6\\s+the parameter \\(or the version asked for\\) does not exist");
    assertThat(r.out()).containsPattern("3\\s+access is denied, or the AWS call failed");
  }

  @Test
  void getAccessDeniedExitsThreeNamingTheParameterAndTheActions() {
    wm.stubFor(
        ssm("GetParameter")
            .willReturn(
                json(
                    400,
                    "{\"__type\":\"AccessDeniedException\",\"Message\":\"User: arn:aws:sts::1:"
                        + "assumed-role/node is not authorized to perform: ssm:GetParameter\"}")));

    Result r = cli.brigadm("ssm", "get", "/kubeherd/deploy-key");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err())
        .contains("access denied to SSM parameter /kubeherd/deploy-key in eu-west-1")
        .contains("must allow ssm:GetParameter on it")
        .contains("kms:Decrypt");
  }

  @Test
  void otherAwsErrorsExitThreeWithTheirCode() {
    wm.stubFor(
        ssm("GetParameter")
            .willReturn(json(400, "{\"__type\":\"InvalidKeyId\",\"message\":\"key disabled\"}")));

    Result r = cli.brigadm("ssm", "get", "/kubeherd/deploy-key");

    assertThat(r.exitCode()).isEqualTo(3);
    assertThat(r.err())
        .contains("SSM GetParameter of /kubeherd/deploy-key in eu-west-1 failed: InvalidKeyId");
  }

  @Test
  void noRegionAnywhereIsAUsageErrorNamingEveryWayToSetIt() {
    cli.env.remove("AWS_REGION");
    noAwsConfigNorMetadata();

    Result r = cli.brigadm("ssm", "get", "/p");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains(
            "no AWS region: pass --region, set KUBEHERD_REGION, AWS_REGION or AWS_DEFAULT_REGION,"
                + " add 'region:' to kubeherd.yaml, or set the profile's region in ~/.aws/config");
    wm.verify(0, postRequestedFor(urlEqualTo("/")));
  }

  @Test
  void withoutAwsRegionTheRegionComesFromAwsDefaultRegionAsForTheAwsCli() {
    wm.stubFor(
        ssm("GetParameter")
            .willReturn(
                json(200, "{\"Parameter\":{\"Name\":\"/p\",\"Value\":\"v\",\"Version\":1}}")));
    cli.env.remove("AWS_REGION");
    cli.env.put("AWS_DEFAULT_REGION", "ap-southeast-2");
    noAwsConfigNorMetadata();

    Result r = cli.brigadm("ssm", "get", "/p");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(only().getHeader("Authorization")).contains("/ap-southeast-2/ssm/aws4_request");
  }

  /** Keeps the SDK's region sources off this machine's ~/.aws/config and instance metadata. */
  void noAwsConfigNorMetadata() {
    cli.env.put("AWS_CONFIG_FILE", dir.resolve("no-aws-config").toString());
    cli.env.put("AWS_EC2_METADATA_DISABLED", "true");
  }

  LoggedRequest only() {
    List<LoggedRequest> requests = wm.findAll(postRequestedFor(urlEqualTo("/")));
    assertThat(requests).hasSize(1);
    return requests.get(0);
  }

  /** No line of {@code value} (but PEM armour) shows up in stdout, stderr or the logs. */
  void assertNoValueIn(Result r, String value) {
    String all = r.out() + r.err() + logs.toString(StandardCharsets.UTF_8);
    value
        .lines()
        .filter(line -> line.length() >= 8 && !line.startsWith("-----"))
        .forEach(line -> assertThat(all).doesNotContain(line));
  }

  static String jsonString(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }
}
