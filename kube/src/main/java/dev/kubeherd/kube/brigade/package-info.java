/**
 * The Brigade v1 wire contract in one place: labels, Secret types, data keys, annotations we add,
 * object names, and the pure codecs between Kubernetes objects and core model records.
 */
package dev.kubeherd.kube.brigade;
