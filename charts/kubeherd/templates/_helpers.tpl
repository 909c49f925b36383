{{/*
Names. The release name is the prefix unless it already contains the chart name.
*/}}
{{- define "kubeherd.name" -}}
{{- .Values.nameOverride | default .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{- define "kubeherd.fullname" -}}
{{- if .Values.fullnameOverride -}}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- $name := include "kubeherd.name" . -}}
{{- if contains $name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}
{{- end -}}

{{/* The name of one component's objects: <fullname>-<component>, at most 63 characters. */}}
{{- define "kubeherd.componentName" -}}
{{- printf "%s-%s" (include "kubeherd.fullname" .root) .component | trunc 63 | trimSuffix "-" -}}
{{- end -}}

{{/* Labels that select one component's pods. Call with (dict "root" $ "component" "gateway"). */}}
{{- define "kubeherd.selectorLabels" -}}
app.kubernetes.io/name: {{ include "kubeherd.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/component: {{ .component }}
{{- end -}}

{{/* Labels on every object; "component" is optional. */}}
{{- define "kubeherd.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 }}
app.kubernetes.io/name: {{ include "kubeherd.name" .root }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
{{- with .component }}
app.kubernetes.io/component: {{ . }}
{{- end }}
app.kubernetes.io/version: {{ .root.Chart.AppVersion | quote }}
app.kubernetes.io/part-of: kubeherd
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- with .root.Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end -}}

{{/* The kubeherd image of the gateway, controller and pool: a digest wins over a tag. */}}
{{- define "kubeherd.image" -}}
{{- if .Values.image.digest -}}
{{- printf "%s@%s" .Values.image.repository .Values.image.digest -}}
{{- else -}}
{{- printf "%s:%s" .Values.image.repository (.Values.image.tag | default .Chart.AppVersion) -}}
{{- end -}}
{{- end -}}

{{/* BRIGADE_WORKER_IMAGE: [registry/]name:tag (the controller reads the tag after the last ':'). */}}
{{- define "kubeherd.workerImage" -}}
{{- $name := .Values.worker.name | default .Values.image.repository -}}
{{- $tag := .Values.worker.tag | default .Values.image.tag | default .Chart.AppVersion -}}
{{- if .Values.worker.registry -}}
{{- printf "%s/%s:%s" (.Values.worker.registry | trimSuffix "/") $name $tag -}}
{{- else -}}
{{- printf "%s:%s" $name $tag -}}
{{- end -}}
{{- end -}}

{{- define "kubeherd.workerServiceAccount" -}}
{{- .Values.worker.serviceAccount.name -}}
{{- end -}}

{{/* Pod-level security context: Pod Security "restricted". */}}
{{- define "kubeherd.podSecurityContext" -}}
runAsNonRoot: true
runAsUser: {{ .Values.securityContext.runAsUser }}
runAsGroup: {{ .Values.securityContext.runAsGroup }}
fsGroup: {{ .Values.securityContext.fsGroup }}
seccompProfile:
  type: RuntimeDefault
{{- end -}}

{{/* Container-level security context: no privileges, read-only root file system. */}}
{{- define "kubeherd.containerSecurityContext" -}}
allowPrivilegeEscalation: false
privileged: false
readOnlyRootFilesystem: true
runAsNonRoot: true
capabilities:
  drop:
    - ALL
{{- end -}}

{{/*
Spread a component's replicas over nodes unless the values bring their own affinity.
Call with (dict "root" $ "component" "gateway" "affinity" .Values.gateway.affinity).
*/}}
{{- define "kubeherd.affinity" -}}
{{- if .affinity -}}
{{ toYaml .affinity }}
{{- else -}}
podAntiAffinity:
  preferredDuringSchedulingIgnoredDuringExecution:
    - weight: 100
      podAffinityTerm:
        topologyKey: kubernetes.io/hostname
        labelSelector:
          matchLabels:
            {{- include "kubeherd.selectorLabels" . | nindent 12 }}
{{- end -}}
{{- end -}}

{{/* Environment every kubeherd process shares: its namespace, a writable HOME, JVM options. */}}
{{- define "kubeherd.commonEnv" -}}
- name: BRIGADE_NAMESPACE
  value: {{ .root.Release.Namespace | quote }}
- name: HOME
  value: /tmp
{{- with .javaOpts }}
- name: KUBEHERD_JAVA_OPTS
  value: {{ . | quote }}
{{- end }}
{{- end -}}

{{/* Name of the Secret holding the gateway's default shared secret and admin token, if any. */}}
{{- define "kubeherd.gatewaySecretName" -}}
{{- if .Values.gateway.existingSecret -}}
{{- .Values.gateway.existingSecret -}}
{{- else if or .Values.gateway.defaultSharedSecret .Values.gateway.adminToken -}}
{{- include "kubeherd.componentName" (dict "root" . "component" "gateway") -}}
{{- end -}}
{{- end -}}

{{/*
prometheus.io scrape annotations (YAML of a map; empty when metrics.annotations is off or the port
is 0) for a pod serving GET /metrics on "port". Use: include … | fromYaml, then merge.
*/}}
{{- define "kubeherd.scrapeAnnotations" -}}
{{- if and .root.Values.metrics.annotations (gt (int .port) 0) }}
prometheus.io/scrape: "true"
prometheus.io/port: {{ .port | toString | quote }}
prometheus.io/path: /metrics
{{- end }}
{{- end }}

{{/*
The S3 log archive's environment (docs/logs.md), for the processes that archive or read archived
logs: the controller and the gateway. Empty while logArchive.bucket is. With existingSecret the keys
come from that Secret (the session token only if it has one); without it the AWS SDK finds its own.
*/}}
{{- define "kubeherd.logArchiveEnv" -}}
{{- with .Values.logArchive }}
{{- if .bucket }}
- name: KUBEHERD_LOG_ARCHIVE_BUCKET
  value: {{ .bucket | quote }}
- name: KUBEHERD_LOG_ARCHIVE_PREFIX
  value: {{ .prefix | quote }}
- name: KUBEHERD_LOG_ARCHIVE_RETENTION_DAYS
  value: {{ int64 .retentionDays | quote }}
{{- if not (kindIs "invalid" .settleSeconds) }}
- name: KUBEHERD_LOG_ARCHIVE_SETTLE_SECONDS
  value: {{ int64 .settleSeconds | quote }}
{{- end }}
- name: KUBEHERD_LOG_ARCHIVE_MAX_HOLD_HOURS
  value: {{ int64 .maxHoldHours | quote }}
- name: AWS_REGION
  value: {{ .region | quote }}
{{- with .endpoint }}
- name: AWS_ENDPOINT_URL
  value: {{ . | quote }}
{{- end }}
{{- with .existingSecret }}
{{- $secret := . }}
{{- range list "AWS_ACCESS_KEY_ID" "AWS_SECRET_ACCESS_KEY" "AWS_SESSION_TOKEN" }}
- name: {{ . }}
  valueFrom:
    secretKeyRef:
      name: {{ $secret }}
      key: {{ . }}
      {{- if eq . "AWS_SESSION_TOKEN" }}
      optional: true
      {{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- end }}
{{- end -}}
