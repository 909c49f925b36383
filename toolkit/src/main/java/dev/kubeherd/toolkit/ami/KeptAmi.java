package dev.kubeherd.toolkit.ami;

/**
 * An AMI pruning looked at and kept, and why ({@code newest}, {@code in use}, {@code just built}).
 */
public record KeptAmi(String region, String imageId, String name, String reason) {}
