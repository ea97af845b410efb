package io.meshscope.core.model;

/** How traffic reaches a Sidecar listener ({@code captureMode}); proto zero is {@code DEFAULT}. */
public enum CaptureMode { DEFAULT, IPTABLES, NONE }
