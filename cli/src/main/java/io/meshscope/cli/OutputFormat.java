package io.meshscope.cli;

/** The {@code -o} formats; each command accepts a subset and says which in its help. */
enum OutputFormat { text, json, sarif, csv, yaml }
