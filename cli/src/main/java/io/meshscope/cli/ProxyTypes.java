package io.meshscope.cli;

import io.meshscope.core.scope.ProxyType;
import picocli.CommandLine;

/** Parses {@code --proxy-type} with a usage error that names the accepted values. */
final class ProxyTypes {
    private ProxyTypes() {
    }

    static ProxyType parse(CommandLine.Model.CommandSpec spec, String value) {
        ProxyType t = ProxyType.parse(value);
        if (t == null) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--proxy-type must be sidecar or router, got '" + value + "'");
        }
        return t;
    }
}
