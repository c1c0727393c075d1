package org.socd.cli.output;

/** How commands print results: aligned columns for people, JSON or CSV for scripts and spreadsheets. */
public enum Format {
    table, json, csv
}
