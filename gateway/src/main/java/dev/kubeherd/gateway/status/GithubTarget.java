package dev.kubeherd.gateway.status;

import dev.kubeherd.core.Json;
import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.BuildRequest;
import dev.kubeherd.gateway.LogText;
import dev.kubeherd.gateway.github.GithubEvents;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Where a GitHub build's status goes, read from the build's stored payload (the raw delivery):
 * repository, commit, the App installation that sent it and, for deployments, the deployment and
 * its {@code environment_url}. Pure.
 *
 * @param event {@code push}, {@code pull_request} or {@code deployment}
 */
record GithubTarget(
    String event,
    String owner,
    String repo,
    String sha,
    OptionalLong installationId,
    OptionalLong deploymentId,
    Optional<String> environmentUrl) {

  /**
   * The events reported. Only the plain names: a delivery with an action also makes a {@code
   * <event>:<action>} build, which is not reported again. {@code deployment_status} is left out on
   * purpose: the statuses we post would trigger it.
   */
  static final Set<String> EVENTS = Set.of("push", "pull_request", "deployment");

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]+");
  private static final Pattern SHA = Pattern.compile("[0-9a-fA-F]{7,64}");

  /** Whether the build came from the GitHub gateway for an event that gets statuses. */
  static boolean reportable(BuildRequest request) {
    return GithubEvents.PROVIDER.equals(request.provider()) && EVENTS.contains(request.type());
  }

  boolean deployment() {
    return "deployment".equals(event);
  }

  /** {@code /repos/<owner>/<repo>}. */
  String repoPath() {
    return "/repos/" + owner + "/" + repo;
  }

  /**
   * @throws UnreportableBuildException saying what the payload lacks
   */
  static GithubTarget of(Build build) {
    BuildRequest request = build.request();
    JsonNode root;
    try {
      root = Json.MAPPER.readTree(request.payload());
    } catch (JacksonException e) {
      throw new UnreportableBuildException("its payload is not JSON");
    }
    if (root == null || !root.isObject()) {
      throw new UnreportableBuildException("its payload is not a JSON object");
    }
    String fullName = text(root.at("/repository/full_name"));
    String[] parts = fullName.split("/", -1);
    if (parts.length != 2
        || !NAME.matcher(parts[0]).matches()
        || !NAME.matcher(parts[1]).matches()) {
      throw new UnreportableBuildException(
          "its payload has no repository.full_name of the form owner/repo");
    }
    boolean deployment = "deployment".equals(request.type());
    String sha = request.revision().commit();
    if (sha.isEmpty()) {
      sha = text(root.at(shaPointer(request.type())));
    }
    if (sha.isEmpty()) {
      throw new UnreportableBuildException("it names no commit (revision or payload)");
    }
    if (!SHA.matcher(sha).matches()) {
      throw new UnreportableBuildException(
          "its commit \""
              + LogText.printable(sha)
              + "\" is not a commit SHA (7 to 64 hexadecimal digits)");
    }
    OptionalLong deploymentId = number(root.at("/deployment/id"));
    if (deployment && deploymentId.isEmpty()) {
      throw new UnreportableBuildException("its payload has no deployment.id");
    }
    return new GithubTarget(
        request.type(),
        parts[0],
        parts[1],
        sha,
        number(root.at("/installation/id")),
        deploymentId,
        deployment ? environmentUrl(root.at("/deployment/payload")) : Optional.empty());
  }

  private static String shaPointer(String event) {
    return switch (event) {
      case "pull_request" -> "/pull_request/head/sha";
      case "deployment" -> "/deployment/sha";
      default -> "/after";
    };
  }

  /** The deployment's own payload: an object, or a string of JSON as the API also allows. */
  private static Optional<String> environmentUrl(JsonNode payload) {
    JsonNode object = payload;
    if (payload.isString()) {
      try {
        object = Json.MAPPER.readTree(payload.asString());
      } catch (JacksonException e) {
        return Optional.empty();
      }
    }
    String url = text(object.path("environment_url"));
    return url.startsWith("https://") || url.startsWith("http://")
        ? Optional.of(url)
        : Optional.empty();
  }

  private static OptionalLong number(JsonNode node) {
    return node.isIntegralNumber() && node.asLong() > 0
        ? OptionalLong.of(node.asLong())
        : OptionalLong.empty();
  }

  private static String text(JsonNode node) {
    return node != null && node.isString() ? node.asString() : "";
  }
}
