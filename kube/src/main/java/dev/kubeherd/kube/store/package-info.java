/**
 * Kubernetes adapters of the core ports, over the Brigade v1 objects in one namespace: {@link
 * dev.kubeherd.kube.store.SecretProjectStore}, {@link dev.kubeherd.kube.store.SecretBuildStore},
 * {@link dev.kubeherd.kube.store.ConfigMapLogStore} and {@link
 * dev.kubeherd.kube.store.SecretBuildFeed}. Object layouts come from the pure codecs in {@code
 * dev.kubeherd.kube.brigade}; the state model is docs/adr/0002-kubernetes-state.md.
 */
package dev.kubeherd.kube.store;
