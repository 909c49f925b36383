package dev.kubeherd.toolkit.deploy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * A real git repository made by the test with a deploy directory {@code deploy/web} (the sdf4k
 * PATH) and a tag, so {@code GIT_TAG} comes from JGit's describe.
 */
final class AppRepo {
  static final PersonIdent WHO = new PersonIdent("Test", "test@example.com");
  static final String TAG = "v1.2.0";

  final Path root;
  final Path web;

  AppRepo(Path root) throws Exception {
    this.root = Files.createDirectories(root).toRealPath();
    this.web = Files.createDirectories(this.root.resolve("deploy/web"));
  }

  /** A chart in {@code web/chart} whose values have {@code image.tag} when {@code imageTag}. */
  AppRepo chart(boolean imageTag) throws Exception {
    Path chart = web.resolve("chart");
    Files.createDirectories(chart.resolve("templates"));
    Files.writeString(chart.resolve("Chart.yaml"), "apiVersion: v2\nname: web\nversion: 0.1.0\n");
    Files.writeString(
        chart.resolve("values.yaml"),
        "image:\n  repository: registry.example.com/web\n"
            + (imageTag ? "  tag: latest\n" : "")
            + "replicas: 2\ndbHost: localhost\n");
    Files.writeString(
        chart.resolve("templates/deployment.yaml"),
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: {{ .Release.Name }}
          namespace: {{ .Release.Namespace }}
        spec:
          replicas: {{ .Values.replicas }}
          selector:
            matchLabels: {app: {{ .Release.Name }}}
          template:
            metadata:
              labels: {app: {{ .Release.Name }}}
            spec:
              containers:
                - name: web
                  image: "{{ .Values.image.repository }}:{{ .Values.image.tag | default "none" }}"
                  env:
                    - {name: DB_HOST, value: {{ .Values.dbHost | quote }}}
        """);
    return this;
  }

  AppRepo file(String relative, String content) throws Exception {
    Path file = web.resolve(relative);
    Files.createDirectories(file.getParent());
    Files.writeString(file, content);
    return this;
  }

  /** Commits everything and tags it {@value #TAG}. */
  AppRepo commitAndTag() throws Exception {
    return commitAndTag(TAG);
  }

  /** Commits everything and tags it {@code tag}. */
  AppRepo commitAndTag(String tag) throws Exception {
    try (Git git = Git.init().setDirectory(root.toFile()).call()) {
      git.add().addFilepattern(".").call();
      git.commit().setMessage("app").setAuthor(WHO).setCommitter(WHO).call();
      git.tag().setName(tag).setAnnotated(false).call();
    }
    return this;
  }
}
