package io.meshscope.core.analyze;

import io.meshscope.core.model.Severity;

/** An analyzer message type: code ({@code IST0110}, {@code MS0001}), title and default level. */
public record MessageType(String code, String title, Severity level) {
}
