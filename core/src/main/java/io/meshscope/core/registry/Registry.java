package io.meshscope.core.registry;

/** Where a service came from; Kubernetes services outrank ServiceEntries for the same hostname. */
public enum Registry { KUBERNETES, EXTERNAL }
