package dev.kubeherd.cli;

/**
 * A command that runs as a server until it is stopped ({@code kubeherd gateway}, {@code serve},
 * {@code controller}): when it is the command a process runs, that process batches its standard
 * error ({@link BatchedStderr}), where its log lines go.
 */
interface LongRunning {}
