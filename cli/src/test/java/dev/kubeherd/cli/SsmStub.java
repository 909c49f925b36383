package dev.kubeherd.cli;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import io.vertx.core.json.JsonObject;

/** WireMock playing AWS SSM Parameter Store for the toolkit commands' tests. */
public final class SsmStub {
  private SsmStub() {}

  /** {@code GetParameter} of {@code name} answers {@code value} as a SecureString, version 1. */
  public static void parameter(WireMockExtension ssm, String name, String value) {
    ssm.stubFor(
        post(urlEqualTo("/"))
            .withHeader("X-Amz-Target", equalTo("AmazonSSM.GetParameter"))
            .withRequestBody(matchingJsonPath("$.Name", equalTo(name)))
            .willReturn(
                aResponse()
                    .withStatus(200)
                    .withHeader("Content-Type", "application/x-amz-json-1.1")
                    .withBody(
                        new JsonObject()
                            .put(
                                "Parameter",
                                new JsonObject()
                                    .put("Name", name)
                                    .put("Type", "SecureString")
                                    .put("Value", value)
                                    .put("Version", 1))
                            .encode())));
  }
}
