{{/*
The project ID: the name itself when it starts with "brigade-", else "brigade-" and the first 54
hex characters of the SHA-256 of the name (kubeherd's ProjectIds and brig's rule).
*/}}
{{- define "kubeherd-project.id" -}}
{{- if hasPrefix "brigade-" .Values.project -}}
{{- .Values.project -}}
{{- else -}}
{{- printf "brigade-%s" (sha256sum .Values.project | trunc 54) -}}
{{- end -}}
{{- end -}}

{{/*
Labels: the discovery labels every Brigade v1 tool selects on (app=brigade, component=project),
the v1 chart's heritage/chart/release, and the app.kubernetes.io set.
*/}}
{{- define "kubeherd-project.labels" -}}
app: brigade
component: project
heritage: {{ .Release.Service }}
chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 }}
release: {{ .Release.Name }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: project
app.kubernetes.io/part-of: kubeherd
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* "true"/"false" from a string or a boolean value. */}}
{{- define "kubeherd-project.bool" -}}
{{- . | toString | lower -}}
{{- end -}}
