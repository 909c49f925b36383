{{/* The app label: the app's name (its repository without the org); default the release name. */}}
{{- define "app.app" -}}
{{- .Values.app | default .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Object names: the release name (by convention <app>(-<component>)-<short-commit>). */}}
{{- define "app.fullname" -}}
{{- .Values.fullnameOverride | default .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels that select this release's pods (Deployment, Service, PDB, spreading). */}}
{{- define "app.selectorLabels" -}}
app: {{ include "app.app" . }}
component: {{ .Values.component }}
release: {{ .Release.Name }}
{{- end -}}

{{/* Labels on every object. */}}
{{- define "app.labels" -}}
{{ include "app.selectorLabels" . }}
{{- with .Values.commit }}
commit: {{ . | quote }}
{{- end }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 }}
app.kubernetes.io/name: {{ include "app.app" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: {{ .Values.component }}
app.kubernetes.io/version: {{ .Values.commit | default .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* The image: [registry/]image, or [registry/]<app>/<component>:<commit or appVersion>. */}}
{{- define "app.image" -}}
{{- $image := .Values.image | default (printf "%s/%s:%s" (include "app.app" .) .Values.component (.Values.commit | default .Chart.AppVersion)) -}}
{{- if .Values.registry -}}
{{- printf "%s/%s" (.Values.registry | trimSuffix "/") $image -}}
{{- else -}}
{{- $image -}}
{{- end -}}
{{- end -}}

{{/* The Deployment's replicas without autoscaling: replicaCount, or 2 when it is unset. */}}
{{- define "app.replicas" -}}
{{- if hasKey .Values "replicaCount" -}}
{{- .Values.replicaCount | int -}}
{{- else -}}
2
{{- end -}}
{{- end -}}

{{/* The replicas the app runs with at least: the autoscaler's minimum, or app.replicas. */}}
{{- define "app.minReplicas" -}}
{{- if .Values.autoscaling.enabled -}}
{{- .Values.autoscaling.minReplicas | int -}}
{{- else -}}
{{- include "app.replicas" . -}}
{{- end -}}
{{- end -}}

{{/*
Refuse values the chart's opinions rule out, with a message saying why and what to set instead.
*/}}
{{- define "app.validate" -}}
{{- $v := .Values -}}
{{- if and $v.autoscaling.enabled (hasKey $v "replicaCount") -}}
{{- $count := $v.replicaCount | int -}}
{{- $suggested := ternary $count (max $count 2) (eq $v.allowSingleReplica true) -}}
{{- fail (printf "replicaCount is %d, but with autoscaling.enabled the HorizontalPodAutoscaler owns the replica count (autoscaling.minReplicas %d to autoscaling.maxReplicas %d) and replicaCount would be ignored: drop replicaCount, or set autoscaling.minReplicas to the replicas the app needs at least (e.g. autoscaling.minReplicas=%d)" $count ($v.autoscaling.minReplicas | int) ($v.autoscaling.maxReplicas | int) $suggested) -}}
{{- end -}}
{{- if and (not $v.allowSingleReplica) (lt (include "app.minReplicas" . | int) 2) -}}
{{- $what := ternary (printf "autoscaling.minReplicas is %d" ($v.autoscaling.minReplicas | int)) (printf "replicaCount is %d" (include "app.replicas" . | int)) $v.autoscaling.enabled -}}
{{- fail (printf "%s, but the app chart runs at least 2 replicas so that a node drain, a rollout or a crash never takes the app down. Set it to 2 or more, or set allowSingleReplica=true to accept that downtime (no PodDisruptionBudget is rendered then)." $what) -}}
{{- end -}}
{{- if and $v.autoscaling.enabled (lt ($v.autoscaling.maxReplicas | int) ($v.autoscaling.minReplicas | int)) -}}
{{- fail (printf "autoscaling.maxReplicas (%d) is below autoscaling.minReplicas (%d); raise maxReplicas" ($v.autoscaling.maxReplicas | int) ($v.autoscaling.minReplicas | int)) -}}
{{- end -}}
{{- if and $v.autoscaling.enabled (not (or $v.autoscaling.targetCPUUtilizationPercentage $v.autoscaling.targetMemoryUtilizationPercentage)) -}}
{{- fail "autoscaling.enabled needs a target: set autoscaling.targetCPUUtilizationPercentage or autoscaling.targetMemoryUtilizationPercentage above 0" -}}
{{- end -}}
{{- $surge := $v.deployment.maxSurge | toString -}}
{{- if eq (trimSuffix "%" $surge | atoi) 0 -}}
{{- fail (printf "deployment.maxSurge is %s, but maxUnavailable is always 0 (capacity never drops during a rollout), so a rollout could never start and the API server refuses the Deployment: set deployment.maxSurge to 1 or more, or a percentage above 0%%" $surge) -}}
{{- end -}}
{{- $pdb := $v.podDisruptionBudget.maxUnavailable | toString -}}
{{- if eq (trimSuffix "%" $pdb | atoi) 0 -}}
{{- fail (printf "podDisruptionBudget.maxUnavailable is %s: a PodDisruptionBudget that lets no pod be evicted blocks every node drain and cluster upgrade: set it to 1 or more, or a percentage above 0%%" $pdb) -}}
{{- end -}}
{{- $image := include "app.image" . -}}
{{- $imageName := last (splitList "/" $image) -}}
{{- if not (and (regexMatch "[:@]" $imageName) (regexMatch "^[^:@]+(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@[A-Za-z0-9]+:[0-9a-fA-F]{32,})?$" $imageName)) -}}
{{- fail (printf "image %s has no (valid) tag or digest: without one nodes pull whatever :latest is at the time, and an empty one is not an image reference. Set image to repository:tag or repository@sha256:digest, or leave image empty for <app>/<component>:<commit>" $image) -}}
{{- end -}}
{{- $writable := dict "/tmp" true -}}
{{- range $v.writablePaths -}}
{{- $path := trimSuffix "/" . -}}
{{- if eq $path "/tmp" -}}
{{- fail (printf "writablePaths lists %s, but /tmp is always writable (an emptyDir of its own); leave it out" .) -}}
{{- end -}}
{{- if hasKey $writable $path -}}
{{- fail (printf "writablePaths lists %s twice (a trailing / names the same directory); each path can be mounted once, list it once" $path) -}}
{{- end -}}
{{- $_ := set $writable $path true -}}
{{- end -}}
{{- $chartLabels := include "app.labels" . | fromYaml -}}
{{- range $label, $_ := $v.podLabels -}}
{{- if hasKey $chartLabels $label -}}
{{- fail (printf "podLabels.%s would replace the chart's own pod label %s (the Deployment's selector, the Service, the PodDisruptionBudget and the spreading rely on the chart's labels); set %s through its own value (app, component, commit) or use another label name" $label $label $label) -}}
{{- end -}}
{{- end -}}
{{- $sleep := $v.shutdown.preStopSleepSeconds | int -}}
{{- $grace := $v.shutdown.terminationGracePeriodSeconds | int -}}
{{- if and (gt $sleep 0) (ge $sleep $grace) -}}
{{- fail (printf "shutdown.preStopSleepSeconds (%d) must be less than shutdown.terminationGracePeriodSeconds (%d): the grace period includes the preStop sleep, so the app would be killed without being asked to stop. Lower the sleep or raise the grace period" $sleep $grace) -}}
{{- end -}}
{{- if and $v.ingress.enabled (not $v.service.enabled) -}}
{{- fail "ingress.enabled needs service.enabled: the Ingress routes to the app's Service" -}}
{{- end -}}
{{- if and $v.ingress.enabled (not $v.ingress.hosts) -}}
{{- fail "ingress.enabled needs at least one entry in ingress.hosts, e.g. {host: shop.example.com, paths: [{path: /, pathType: Prefix}]}" -}}
{{- end -}}
{{- end -}}

{{/* Pod-level security context: Pod Security "restricted", never root. */}}
{{- define "app.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
fsGroup: {{ .Values.securityContext.fsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Container-level security context: no privileges, read-only root file system. */}}
{{- define "app.containerSecurityContext" -}}
allowPrivilegeEscalation: false
privileged: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop:
    - ALL
{{- end -}}

{{/* Requests as given; the memory limit is the memory request; a CPU limit only when set. */}}
{{- define "app.resources" -}}
requests:
  cpu: {{ .Values.resources.requests.cpu | toString | quote }}
  memory: {{ .Values.resources.requests.memory | toString | quote }}
limits:
  memory: {{ .Values.resources.requests.memory | toString | quote }}
  {{- with .Values.resources.limits.cpu }}
  cpu: {{ . | toString | quote }}
  {{- end }}
{{- end -}}

{{/*
The container's environment sources: the env ConfigMap (named configMap) and the listed Secrets.
Call with (dict "root" $ "configMap" $name).
*/}}
{{- define "app.envFrom" -}}
{{- if .root.Values.env }}
- configMapRef:
    name: {{ .configMap }}
{{- end }}
{{- range .root.Values.envFromSecrets }}
- secretRef:
    name: {{ . }}
{{- end }}
{{- end -}}

{{/* The data of an env ConfigMap: env, every value a string. */}}
{{- define "app.envData" -}}
{{- range $name, $value := .Values.env }}
{{ $name }}: {{ $value | toString | quote }}
{{- end }}
{{- end -}}

{{/* Name of the migrations hook Job and of the objects made for it. */}}
{{- define "app.migrateName" -}}
{{- printf "%s-migrate" (include "app.fullname" . | trunc 52 | trimSuffix "-") -}}
{{- end -}}

{{/* The writable emptyDir volumes: /tmp and writablePaths. */}}
{{- define "app.writableMounts" -}}
- name: tmp
  mountPath: /tmp
{{- range $i, $path := .Values.writablePaths }}
- name: writable-{{ $i }}
  mountPath: {{ $path }}
{{- end }}
{{- end -}}

{{- define "app.writableVolumes" -}}
- name: tmp
  emptyDir: {}
{{- range $i, $path := .Values.writablePaths }}
- name: writable-{{ $i }}
  emptyDir: {}
{{- end }}
{{- end -}}
