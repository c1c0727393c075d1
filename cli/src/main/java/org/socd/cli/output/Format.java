package org.socd.cli.output;

/** How commands print results: aligned columns for people, JSON for scripts. */
public enum Format {
    table, json
}
