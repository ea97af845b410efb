package io.meshscope.core.validate;

import io.meshscope.core.model.CaptureMode;
import io.meshscope.core.model.EgressListener;
import io.meshscope.core.model.PortSpec;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Sidecar {@code spec.egress[]} listener checks, rules 29-40 of the spec, in {@code ValidateSidecar}'s order;
 * each listener's {@code hosts} are then handed to {@link EgressHostRules} (rules 41-49).
 */
final class EgressRules {
    private EgressRules() {
    }

    static void validate(List<EgressListener> egress, String configNamespace, Findings f) {
        Set<Long> ports = new HashSet<>();
        Set<String> udsBinds = new HashSet<>();
        boolean catchAllFound = false;
        for (int i = 0; i < egress.size(); i++) {
            String path = "spec.egress[" + i + "]";
            EgressListener e = egress.get(i);
            if (e == null) {
                f.error(path, "egress listener may not be null"); // Istio's text has no "sidecar:" prefix here
                continue;
            }
            if (e.port() == null) {
                // Istio sets the "found" flag only at the last index, so earlier port-less listeners each get the
                // "should be the last" error and the "only one" branch below can never run (spec rule 31).
                if (!catchAllFound) {
                    if (i == egress.size() - 1) {
                        catchAllFound = true;
                    } else {
                        f.error(path, "sidecar: the egress listener with empty port should be the last listener in"
                                + " the list");
                    }
                } else {
                    f.error(path, "sidecar: egress can have only one listener with empty port");
                    continue;
                }
                // bind and captureMode of the catch-all listener are not validated at all.
            } else {
                listenerPort(e, path, ports, udsBinds, f);
            }
            EgressHostRules.validate(e.hosts(), path + ".hosts", configNamespace, f);
        }
    }

    private static void listenerPort(EgressListener e, String path, Set<Long> ports, Set<String> udsBinds,
                                     Findings f) {
        PortSpec port = e.port();
        if (port.targetPort() != null && port.targetPort() > 0) {
            f.error(path + ".port.targetPort", "targetPort has no impact on Sidecars");
        }
        portBindAndCaptureMode(port, e.bind(), e.captureMode(), path, f);
        if (port.numberOrZero() == 0) {
            if (!udsBinds.add(e.bind())) {
                f.error(path + ".bind", "sidecar: unix domain socket values for listeners must be unique");
            }
        } else if (!ports.add(port.numberOrZero())) {
            // The bind address is ignored: the same port on two different binds is still a duplicate.
            f.error(path + ".port.number", "sidecar: ports on IP bound listeners must be unique");
        }
    }

    /** {@code validateSidecarEgressPortBindAndCaptureMode}: port 0 means a Unix domain socket listener. */
    private static void portBindAndCaptureMode(PortSpec port, String bind, CaptureMode captureMode, String path,
                                               Findings f) {
        if (!port.nameOrEmpty().isEmpty()) {
            f.error(path + ".port.name", PortRules.validatePortName(port.name()));
        }
        if (port.numberOrZero() == 0) {
            f.error(path + ".port.protocol", PortRules.validateProtocol(port.protocol()));
            if (!bind.startsWith(PortRules.UNIX_PREFIX)) {
                f.error(path + ".bind", "sidecar: ports with 0 value must have a unix domain socket bind address");
            } else {
                f.error(path + ".bind", PortRules.validateUnixAddress(bind.substring(PortRules.UNIX_PREFIX.length())));
            }
            if (captureMode != CaptureMode.DEFAULT && captureMode != CaptureMode.NONE) {
                f.error(path + ".captureMode", "sidecar: captureMode must be DEFAULT/NONE for unix domain socket"
                        + " listeners");
            }
        } else {
            f.error(path + ".port.protocol", PortRules.validateProtocol(port.protocol()));
            f.error(path + ".port.number", PortRules.validatePort(port.numberOrZero()));
            if (!bind.isEmpty()) {
                f.error(path + ".bind", PortRules.validateIpAddress(bind));
            }
        }
    }
}
