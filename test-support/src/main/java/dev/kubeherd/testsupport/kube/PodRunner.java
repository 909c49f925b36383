package dev.kubeherd.testsupport.kube;

/** Runs one simulated pod to its end on the calling thread. */
@FunctionalInterface
public interface PodRunner {
  PodOutcome run(SimulatedPod pod) throws Exception;
}
