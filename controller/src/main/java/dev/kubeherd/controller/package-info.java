/** The Kubernetes-mode build loop: build Secrets become worker pods. */
package dev.kubeherd.controller;
