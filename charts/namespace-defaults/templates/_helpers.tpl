{{/*
The settings of one namespace entry: the chart-wide defaults with the entry's own values merged
over them. Call with (dict "root" $ "entry" $entry); returns YAML, read back with fromYaml.
*/}}
{{- define "namespace-defaults.settings" -}}
{{- $v := .root.Values -}}
{{- $defaults := dict
      "labels" dict
      "podSecurity" (deepCopy $v.podSecurity)
      "developers" (deepCopy $v.developers)
      "networkPolicies" (deepCopy $v.networkPolicies)
      "quota" (deepCopy $v.quota)
      "limits" (deepCopy $v.limits) -}}
{{- $s := mergeOverwrite $defaults (deepCopy .entry) -}}
{{- if not $s.developers.groups -}}
{{- $_ := set $s.developers "groups" (list (printf "kubeherd:%s:developers" .entry.name)) -}}
{{- end -}}
{{- toYaml $s -}}
{{- end -}}

{{/* Labels on every object of one namespace. Call with (dict "root" $ "namespace" $name). */}}
{{- define "namespace-defaults.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .root.Chart.Name .root.Chart.Version | replace "+" "_" | trunc 63 }}
app.kubernetes.io/name: {{ .root.Chart.Name }}
app.kubernetes.io/instance: {{ .root.Release.Name }}
app.kubernetes.io/part-of: {{ .namespace }}
app.kubernetes.io/managed-by: {{ .root.Release.Service }}
{{- end -}}

{{/* Rules the developer Role grants and the deployer Role extends. */}}
{{- define "namespace-defaults.workloadRules" -}}
- apiGroups: [""]
  resources: ["pods", "services", "configmaps", "secrets"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: ["apps"]
  resources: ["deployments", "replicasets"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: ["networking.k8s.io"]
  resources: ["ingresses"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: ["batch"]
  resources: ["jobs", "cronjobs"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: ["autoscaling"]
  resources: ["horizontalpodautoscalers"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
- apiGroups: ["policy"]
  resources: ["poddisruptionbudgets"]
  verbs: ["get", "list", "watch", "create", "update", "patch", "delete"]
# kubectl exec and port-forward (get for WebSocket upgrades, create for SPDY).
- apiGroups: [""]
  resources: ["pods/exec", "pods/portforward"]
  verbs: ["get", "create"]
- apiGroups: [""]
  resources: ["pods/log", "events"]
  verbs: ["get", "list", "watch"]
{{- end -}}
