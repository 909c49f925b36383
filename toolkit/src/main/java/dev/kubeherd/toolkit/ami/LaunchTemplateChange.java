package dev.kubeherd.toolkit.ami;

import java.util.Optional;

/**
 * One launch template's default version moved from {@code fromVersion} to {@code toVersion} (a new
 * version with {@code imageId}, or the recorded previous one on rollback).
 */
public record LaunchTemplateChange(
    String name, String id, long fromVersion, long toVersion, Optional<String> imageId) {}
