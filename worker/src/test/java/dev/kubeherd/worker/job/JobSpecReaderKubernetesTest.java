package dev.kubeherd.worker.job;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubeherd.core.model.JobPodOptions;
import dev.kubeherd.core.model.JobSpec;
import dev.kubeherd.core.model.Project;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@link JobSpecReader} for Kubernetes jobs: every pod property, v1 defaults and gating. */
class JobSpecReaderKubernetesTest {
  static Context js;
  final List<String> warnings = new ArrayList<>();

  @BeforeAll
  static void context() {
    js = Context.newBuilder("js").option("engine.WarnInterpreterOnly", "false").build();
  }

  @AfterAll
  static void close() {
    js.close();
  }

  JobSpec read(Map<String, String> projectData, String jobObject) {
    Project project = new Project("brigade-p", "org/repo", "ns", projectData);
    return new JobSpecReader("01b", project, null, warnings::add, JobSpecReader.Target.KUBERNETES)
        .read(js.eval("js", "(" + jobObject + ")"));
  }

  @Test
  void aBareJobGetsTheV1PodDefaults() {
    JobSpec spec = read(Map.of(), "{name: 'j', image: 'alpine'}");
    assertThat(spec.pod()).isEqualTo(JobPodOptions.DEFAULTS);
    assertThat(spec.mounts()).isEmpty();
    // v1's job.timeout || 60000: the 900000 default is set by the Job constructor, not here
    assertThat(spec.timeout().toMillis()).isEqualTo(60_000);
  }

  @Test
  void everyPodPropertyIsRead() {
    JobSpec spec =
        read(
            Map.of("allowHostMounts", "true"),
            """
            {name: 'j', image: 'alpine', useSource: false, serviceAccount: 'builder',
             resourceRequests: {cpu: '100m', memory: '64Mi'}, resourceLimits: {cpu: '1'},
             host: {os: 'linux', name: 'n1', nodeSelector: new Map([['disk', 'ssd']])},
             cache: {enabled: true, size: '1Gi', path: '/c'}, storage: {enabled: true, path: '/s'},
             docker: {enabled: true}, annotations: {a: 'b'}, imagePullSecrets: ['reg'],
             streamLogs: true,
             volumes: [{name: 'v', configMap: {name: 'cm'}}],
             volumeMounts: [{name: 'v', mountPath: '/v'}]}
            """);
    JobPodOptions o = spec.pod();
    assertThat(o.useSource()).isFalse();
    assertThat(o.serviceAccount()).isEqualTo("builder");
    assertThat(o.requests()).isEqualTo(new JobPodOptions.Resources("100m", "64Mi"));
    assertThat(o.limits()).isEqualTo(new JobPodOptions.Resources("1", ""));
    assertThat(o.host()).isEqualTo(new JobPodOptions.Host("linux", "n1", Map.of("disk", "ssd")));
    assertThat(o.cache()).isEqualTo(new JobPodOptions.Cache(true, "1Gi", "/c"));
    assertThat(o.storage()).isEqualTo(new JobPodOptions.Storage(true, "/s"));
    assertThat(o.docker()).isTrue();
    assertThat(o.annotations()).isEqualTo(Map.of("a", "b"));
    assertThat(o.imagePullSecrets()).containsExactly("reg");
    assertThat(o.streamLogs()).isTrue();
    assertThat(o.volumesJson()).containsExactly("{\"name\":\"v\",\"configMap\":{\"name\":\"cm\"}}");
    assertThat(o.volumeMountsJson()).containsExactly("{\"name\":\"v\",\"mountPath\":\"/v\"}");
  }

  @Test
  void dockerIsSilentlyIgnoredWithoutAllowHostMounts() {
    JobSpec spec = read(Map.of(), "{name: 'j', docker: {enabled: true}}");
    assertThat(spec.pod().docker()).isFalse();
    assertThat(warnings).isEmpty();
  }

  @Test
  void privilegedIsHonouredWhenTheProjectSaysNothingAndIgnoredWhenItForbids() {
    assertThat(read(Map.of(), "{name: 'j', privileged: true}").privileged()).isTrue();
    assertThat(
            read(Map.of("allowPrivilegedJobs", "false"), "{name: 'j', privileged: true}")
                .privileged())
        .isFalse();
  }

  @Test
  void plainObjectNodeSelectorIsIgnoredAsInV1() {
    JobSpec spec = read(Map.of(), "{name: 'j', host: {nodeSelector: {disk: 'ssd'}}}");
    assertThat(spec.pod().host().nodeSelector()).isEmpty();
  }

  @Test
  void envReferencesAreKeptVerbatimAndSecretKeyRefNeedsTheProjectFlag() {
    String job =
        """
        {name: 'j', env: {PLAIN: 'v', NOTHING: null,
          CM: {configMapKeyRef: {name: 'c', key: 'k'}},
          PW: {secretKeyRef: {name: 's', key: 'pw'}}}}
        """;
    JobSpec denied = read(Map.of(), job);
    assertThat(denied.env()).containsExactly(Map.entry("PLAIN", "v"), Map.entry("NOTHING", ""));
    assertThat(denied.pod().envReferences())
        .containsExactly(Map.entry("CM", "{\"configMapKeyRef\":{\"name\":\"c\",\"key\":\"k\"}}"));
    assertThat(warnings).singleElement().asString().contains("secretKeyRef for env PW ignored");

    JobSpec allowed = read(Map.of("kubernetes.allowSecretKeyRef", "true"), job);
    assertThat(allowed.pod().envReferences())
        .containsKeys("CM", "PW")
        .containsEntry("PW", "{\"secretKeyRef\":{\"name\":\"s\",\"key\":\"pw\"}}");
  }
}
