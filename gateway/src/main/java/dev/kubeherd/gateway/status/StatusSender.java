package dev.kubeherd.gateway.status;

import dev.kubeherd.core.model.Build;
import dev.kubeherd.core.model.Project;
import dev.kubeherd.core.model.ProjectKeys;
import dev.kubeherd.core.port.ProjectStore;
import dev.kubeherd.gateway.github.GithubApp;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * Sends one build's report to GitHub: looks up the project (mode, base URL, token), picks the
 * credentials (the gateway's GitHub App for deliveries from an installation, else the project's
 * {@code github.token}) and makes the calls. Calls for one build must not overlap (the reporter
 * runs them in order). Every failure is logged here, once, with the project and build.
 */
final class StatusSender {
  private static final Logger LOG = LoggerFactory.getLogger(StatusSender.class);

  private final ProjectStore projects;
  private final GithubApi api;
  private final Optional<InstallationTokens> app;
  private final StatusRequests requests;
  private final Clock clock;
  private final GithubReported reported;
  private final Map<String, Long> checkRuns = new ConcurrentHashMap<>();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  StatusSender(
      ProjectStore projects,
      GithubApi api,
      Optional<InstallationTokens> app,
      StatusRequests requests,
      Clock clock) {
    this.projects = projects;
    this.api = api;
    this.app = app;
    this.requests = requests;
    this.clock = clock;
    this.reported = new GithubReported(api);
  }

  /**
   * Reports {@code outcome}; {@code earlier} is the outcome reported before for this build, if any
   * (a deployment first seen finished is marked in progress first, so its history shows it ran).
   */
  void send(Build build, BuildOutcome outcome, Optional<BuildOutcome> earlier) {
    send(build, outcome, earlier, false);
  }

  /**
   * Reports an end that dates from before this process started, unless GitHub already shows it: the
   * process before may have stopped before it could send it.
   */
  void catchUp(Build build, BuildOutcome outcome) {
    send(build, outcome, Optional.empty(), true);
  }

  private void send(
      Build build, BuildOutcome outcome, Optional<BuildOutcome> earlier, boolean catchingUp) {
    try {
      sendOrThrow(build, outcome, earlier, catchingUp);
    } catch (GithubApiException e) {
      LOG.warn(
          "GitHub was not told that build {} of project {} is {}: {}{}",
          build.id(),
          build.projectId(),
          outcome.name().toLowerCase(Locale.ROOT),
          e.getMessage(),
          hint(e.status()));
    } catch (UnreportableBuildException e) {
      warnOnce(
          "target:" + build.id(),
          "Build {} of project {} gets no GitHub status: {}",
          build.id(),
          build.projectId(),
          e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      LOG.error(
          "Reporting build {} of project {} to GitHub failed", build.id(), build.projectId(), e);
    } finally {
      if (outcome.finished()) {
        checkRuns.remove(build.id());
      }
    }
  }

  private void sendOrThrow(
      Build build, BuildOutcome outcome, Optional<BuildOutcome> earlier, boolean catchingUp)
      throws InterruptedException {
    Optional<Project> found = projects.find(build.projectId());
    if (found.isEmpty()) {
      LOG.debug("Build {}: project {} is gone; nothing reported", build.id(), build.projectId());
      return;
    }
    Project project = found.get();
    ReportMode mode = mode(project);
    if (mode == ReportMode.NONE) {
      return;
    }
    GithubTarget target = GithubTarget.of(build);
    String baseUrl = GithubApp.apiBaseUrl(project);
    for (int attempt = 1; ; attempt++) {
      Optional<String> token = token(project, target, baseUrl);
      if (token.isEmpty()) {
        return;
      }
      try {
        if (target.deployment()) {
          deployment(project, target, build, outcome, earlier, catchingUp, baseUrl, token.get());
        } else if (mode == ReportMode.CHECK_RUN) {
          checkRun(target, build, outcome, baseUrl, token.get());
        } else if (!catchingUp
            || !reported.commitStatusSettled(baseUrl, target, build, token.get())) {
          api.call(baseUrl, requests.commitStatus(target, build, outcome), token.get());
        }
        return;
      } catch (GithubApiException e) {
        if (e.status() != 401 || !usesApp(target)) {
          throw e;
        }
        app.get().forget(baseUrl, target.installationId().getAsLong());
        if (attempt > 1) {
          throw e;
        } // else a revoked or rotated token: once more with a new one
      }
    }
  }

  private ReportMode mode(Project project) {
    Optional<ReportMode> mode = ReportMode.of(project);
    if (mode.isEmpty()) {
      warnOnce(
          "mode:" + project.id(),
          "Project {} has {}={}, which is not commit-status, check-run or none; using {}",
          project.id(),
          ProjectKeys.GITHUB_STATUS,
          project.value(ProjectKeys.GITHUB_STATUS),
          ReportMode.DEFAULT.value());
    }
    return mode.orElse(ReportMode.DEFAULT);
  }

  private void deployment(
      Project project,
      GithubTarget target,
      Build build,
      BuildOutcome outcome,
      Optional<BuildOutcome> earlier,
      boolean catchingUp,
      String baseUrl,
      String token)
      throws InterruptedException {
    Optional<String> environmentUrl =
        target
            .environmentUrl()
            .or(() -> project.get(ProjectKeys.ENVIRONMENT_URL).filter(s -> !s.isBlank()));
    boolean showItRan = outcome.finished() && earlier.isEmpty();
    if (catchingUp) {
      Optional<Boolean> finalShown = reported.deploymentFinal(baseUrl, target, token);
      if (finalShown.orElse(false)) {
        return;
      }
      showItRan = finalShown.isEmpty(); // no status at all yet
    }
    if (showItRan) {
      api.call(
          baseUrl,
          requests.deploymentStatus(target, build, BuildOutcome.RUNNING, environmentUrl),
          token);
    }
    api.call(baseUrl, requests.deploymentStatus(target, build, outcome, environmentUrl), token);
  }

  /**
   * Creates the build's check run when it starts, and completes it when it ends. A run made by an
   * earlier process (the one before a restart) is found by its {@code external_id} and completed,
   * never left in progress beside a second one.
   */
  private void checkRun(
      GithubTarget target, Build build, BuildOutcome outcome, String baseUrl, String token)
      throws InterruptedException {
    Long id = checkRuns.get(build.id());
    if (outcome.finished() && id == null) {
      Optional<GithubReported.CheckRun> made = reported.checkRun(baseUrl, target, build, token);
      if (made.isPresent() && made.get().completed()) {
        return;
      }
      id = made.map(GithubReported.CheckRun::id).orElse(null);
    }
    if (id != null && outcome.finished()) {
      api.call(
          baseUrl, requests.checkRunComplete(target, id, build, outcome, clock.instant()), token);
      return;
    }
    OptionalLong created = createCheckRun(target, build, outcome, baseUrl, token);
    if (!outcome.finished() && created.isPresent()) {
      checkRuns.put(build.id(), created.getAsLong());
    }
  }

  /**
   * POSTs the check run once; when the answer is lost, GitHub may have made it anyway, so it is
   * looked for before the POST is retried (a second run would stay in progress for good).
   */
  private OptionalLong createCheckRun(
      GithubTarget target, Build build, BuildOutcome outcome, String baseUrl, String token)
      throws InterruptedException {
    GithubRequest create = requests.checkRunCreate(target, build, outcome, clock.instant());
    JsonNode created;
    try {
      created = api.callOnce(baseUrl, create, token);
    } catch (GithubApiException e) {
      if (!e.retryable()) {
        throw e;
      }
      Optional<GithubReported.CheckRun> made = reported.checkRun(baseUrl, target, build, token);
      if (made.isPresent()) {
        return OptionalLong.of(made.get().id());
      }
      created = api.call(baseUrl, create, token);
    }
    JsonNode id = created.path("id");
    return id.isIntegralNumber() ? OptionalLong.of(id.asLong()) : OptionalLong.empty();
  }

  private boolean usesApp(GithubTarget target) {
    return app.isPresent() && target.installationId().isPresent();
  }

  /** The App's installation token, else the project's token; empty (logged once) for neither. */
  private Optional<String> token(Project project, GithubTarget target, String baseUrl)
      throws InterruptedException {
    OptionalLong installation = target.installationId();
    if (app.isPresent() && installation.isPresent()) {
      return Optional.of(app.get().token(baseUrl, installation.getAsLong()));
    }
    String token = project.value(ProjectKeys.GITHUB_TOKEN).strip();
    if (!token.isEmpty()) {
      return Optional.of(token);
    }
    warnOnce(
        "token:" + project.id(),
        "GitHub statuses are off for project {}: it has no {} and the delivery came from no"
            + " installation of the gateway's GitHub App; set the project's {} (brig project"
            + " create/replace) or configure the App ({} and --key-file)",
        project.id(),
        ProjectKeys.GITHUB_TOKEN,
        ProjectKeys.GITHUB_TOKEN,
        GithubAppSettings.APP_ID_ENV);
    return Optional.empty();
  }

  private void warnOnce(String key, String format, Object... args) {
    if (warned.add(key)) {
      LOG.warn(format, args);
    }
  }

  private static String hint(int status) {
    return switch (status) {
      case 401 ->
          "; the token was refused: renew the project's github.token, or check the App's ID and"
              + " key";
      case 403, 404 ->
          "; the token may lack access: it needs the repository's statuses, checks and"
              + " deployments (write)";
      case 0 -> "; GitHub could not be reached (is github.baseURL right?)";
      default -> "";
    };
  }
}
