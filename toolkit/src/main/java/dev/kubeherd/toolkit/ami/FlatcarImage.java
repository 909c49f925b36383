package dev.kubeherd.toolkit.ami;

import java.time.Instant;

/** A public Flatcar AMI: the source of our build. */
public record FlatcarImage(
    String imageId, String name, String version, Instant creationDate, String region) {}
