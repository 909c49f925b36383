package dev.kubeherd.toolkit.ami;

import java.util.List;

/** An AMI pruning deregistered, with the snapshots it deleted. */
public record PrunedAmi(String region, String imageId, String name, List<String> snapshots) {}
