package dev.kubeherd.cli.toolkit;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.kubeherd.cli.CliHarness;
import dev.kubeherd.cli.CliHarness.Result;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * flag > {@code KUBEHERD_*} > {@code kubeherd.yaml} > default, end to end through a real toolkit
 * command: the region {@code brigadm ssm get} uses shows in the SigV4 credential scope of the
 * request WireMock receives.
 */
class ToolkitConfigPrecedenceTest {
  @RegisterExtension
  static WireMockExtension wm =
      WireMockExtension.newInstance().options(wireMockConfig().dynamicPort()).build();

  @TempDir Path dir;
  CliHarness cli;
  Path config;

  @BeforeEach
  void everyLevelSet() throws Exception {
    wm.stubFor(
        post(urlEqualTo("/"))
            .willReturn(
                aResponse()
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody("{\"Parameter\":{\"Name\":\"/p\",\"Value\":\"v\"}}")));
    cli = new CliHarness(dir.resolve("home"));
    cli.env.put("AWS_ENDPOINT_URL", wm.baseUrl());
    cli.env.put("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE");
    cli.env.put("AWS_SECRET_ACCESS_KEY", "test-secret");
    cli.env.put("AWS_REGION", "default-region");
    config = Files.writeString(dir.resolve("kubeherd.yaml"), "region: yaml-region\n");
    cli.env.put("KUBEHERD_CONFIG", config.toString());
    cli.env.put("KUBEHERD_REGION", "env-region");
  }

  String regionUsed(String... args) {
    Result r = cli.brigadm(args);
    assertThat(r.exitCode()).as(r.err()).isZero();
    String auth =
        wm.findAll(postRequestedFor(urlEqualTo("/"))).getLast().getHeader("Authorization");
    return auth.replaceFirst(".*Credential=AKIDEXAMPLE/\\d+/([^/]+)/ssm/.*", "$1");
  }

  @Test
  void flagWinsOverTheEnvironment() {
    assertThat(regionUsed("ssm", "get", "/p", "--region", "flag-region")).isEqualTo("flag-region");
  }

  @Test
  void environmentWinsOverTheConfigFile() {
    assertThat(regionUsed("ssm", "get", "/p")).isEqualTo("env-region");
  }

  @Test
  void configFileWinsOverTheDefault() {
    cli.env.remove("KUBEHERD_REGION");

    assertThat(regionUsed("ssm", "get", "/p")).isEqualTo("yaml-region");
  }

  @Test
  void defaultAppliesWhenNothingElseIsSet() {
    cli.env.remove("KUBEHERD_REGION");
    cli.env.remove("KUBEHERD_CONFIG");

    assertThat(regionUsed("ssm", "get", "/p")).isEqualTo("default-region");
  }

  @Test
  void commandSectionWinsOverTheTopLevelOfTheFile() throws Exception {
    cli.env.remove("KUBEHERD_REGION");
    Files.writeString(
        config, "region: yaml-region\nbrigadm:\n  ssm:\n    get:\n      region: section-region\n");

    assertThat(regionUsed("ssm", "get", "/p")).isEqualTo("section-region");
  }

  @Test
  void configFlagWinsOverTheConfigVariableAtAnyLevelOfTheCommand() throws Exception {
    cli.env.remove("KUBEHERD_REGION");
    Path other = Files.writeString(dir.resolve("other.yaml"), "region: other-region\n");

    assertThat(regionUsed("--config", other.toString(), "ssm", "get", "/p"))
        .isEqualTo("other-region");
    assertThat(regionUsed("ssm", "get", "/p", "--config", other.toString()))
        .isEqualTo("other-region");
  }

  @Test
  void kubeherdTreeReadsTheSameSectionsAsTheBrigadmLauncher() throws Exception {
    cli.env.remove("KUBEHERD_REGION");
    Files.writeString(
        config, "brigadm:\n  region: brigadm-region\nbuild:\n  ami:\n    packer: /p\n");

    Result r = cli.kubeherd("brigadm", "ssm", "get", "/p");

    assertThat(r.exitCode()).as(r.err()).isZero();
    assertThat(wm.findAll(postRequestedFor(urlEqualTo("/"))).getLast().getHeader("Authorization"))
        .contains("/brigadm-region/ssm/");
  }

  @Test
  void malformedConfigFileExitsTwoWithFileAndLine() throws Exception {
    Files.writeString(config, "region: eu-west-1\ncluster: [unclosed\n");

    Result r = cli.brigadm("ssm", "get", "/p");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err()).startsWith("Error: " + config + ":").contains("malformed YAML");
    assertThat(r.err().lines()).hasSize(1);
    assertThat(wm.getAllServeEvents()).isEmpty();
  }

  @Test
  void unknownKeyExitsTwoNamingItAndTheKnownOnes() throws Exception {
    Files.writeString(config, "brigadm:\n  regoin: eu-west-1\n");

    Result r = cli.brigadm("ssm", "get", "/p");

    assertThat(r.exitCode()).isEqualTo(2);
    assertThat(r.err())
        .startsWith("Error: " + config + ":2:3: unknown key 'regoin' in section brigadm")
        .contains("known settings: ")
        .contains("region")
        .contains("command sections here: boostrap, bootstrap, init, run, ssm, status, wait");
  }

  @Test
  void variableOfTheWrongTypeExitsOneNamingIt() {
    cli.env.put("KUBEHERD_REFRESH_TIMEOUT", "forever");

    Result r = cli.kubeherd("build", "ami", "--region", "eu-west-1", "--rollback");

    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .startsWith("Error: KUBEHERD_REFRESH_TIMEOUT: 'forever' is not a duration")
        .contains("(setting refresh-timeout)");
  }

  @Test
  void helpShowsTheEffectiveDefault() {
    cli.env.put("KUBEHERD_PACKER", "/opt/bin/packer");

    Result r = cli.kubeherd("build", "ami", "--help");

    assertThat(r.out()).contains("packer executable (default: /opt/bin/packer)");
  }
}
