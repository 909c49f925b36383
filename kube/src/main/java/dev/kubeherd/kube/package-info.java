/**
 * Kubernetes adapters (fabric8) for the Brigade v1 wire contract: Secret-backed stores, the build
 * feed, job pods and pod logs. Empty until the Kubernetes-mode issue lands; local mode needs none.
 */
package dev.kubeherd.kube;
