/**
 * Kubernetes adapters (fabric8) for the Brigade v1 wire contract: the wire constants and pure
 * codecs ({@code brigade}) and the Secret- and ConfigMap-backed stores and build feed ({@code
 * store}).
 */
package dev.kubeherd.kube;
