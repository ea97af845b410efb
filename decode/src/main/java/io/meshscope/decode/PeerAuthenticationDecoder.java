package io.meshscope.decode;

import io.meshscope.core.model.ObjectMeta;
import io.meshscope.core.model.PeerAuthentication;
import io.meshscope.core.model.PeerAuthentication.MtlsMode;
import io.meshscope.core.model.SourceLocation;
import io.meshscope.core.model.WorkloadSelector;
import io.meshscope.core.validate.GoText;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A PeerAuthentication (security.istio.io v1, v1beta1): selector, {@code mtls.mode} and {@code portLevelMtls}.
 * A port key is a uint32 as protojson reads map keys; one that is not is reported here, as the API server's
 * decoding refuses it. Port paths are named {@code spec.portLevelMtls[8080]} in messages, so the decoder adds
 * those paths to the object's field locations.
 */
final class PeerAuthenticationDecoder {
    private static final MtlsMode[] MODES = MtlsMode.values();
    private static final int[] MODE_NUMBERS = {0, 1, 2, 3};

    private PeerAuthenticationDecoder() {
    }

    static PeerAuthentication decode(NodeReader object, ObjectMeta meta) {
        NodeReader spec = object.get("spec");
        NodeReader selector = spec.get("selector");
        WorkloadSelector workloadSelector = selector.isMapping()
                ? new WorkloadSelector(selector.get("matchLabels").stringMap())
                : null;
        MtlsMode mode = spec.get("mtls").get("mode").enumValue(MODES, MODE_NUMBERS, MtlsMode.UNSET);
        NodeReader ports = spec.get("portLevelMtls");
        Map<Long, MtlsMode> portLevel = new LinkedHashMap<>();
        Map<String, SourceLocation> aliases = new HashMap<>();
        for (Map.Entry<String, NodeReader> e : ports.entries().entrySet()) {
            Long port = uint32(e.getKey());
            if (port == null) {
                e.getValue().error(Diagnostics.TYPE,
                        "portLevelMtls key " + GoText.quote(e.getKey()) + " is not a port number (uint32)");
                continue;
            }
            NodeReader value = e.getValue();
            portLevel.put(port, value.isMapping()
                    ? value.get("mode").enumValue(MODES, MODE_NUMBERS, MtlsMode.UNSET) : MtlsMode.UNSET);
            String written = "spec.portLevelMtls." + e.getKey();
            String named = "spec.portLevelMtls[" + port + "]";
            aliases.put(named, meta.locate(written));
            aliases.put(named + ".mode", meta.locate(written + ".mode"));
        }
        ObjectMeta located = meta;
        if (!aliases.isEmpty()) {
            Map<String, SourceLocation> fields = new HashMap<>(meta.fieldLocations());
            fields.putAll(aliases);
            located = new ObjectMeta(meta.id(), meta.labels(), meta.annotations(), meta.creationEpochSeconds(),
                    meta.location(), fields);
        }
        return new PeerAuthentication(located, workloadSelector, mode, portLevel, ports.isMapping());
    }

    /** A decimal uint32, as protojson accepts a map key of that type; null otherwise. */
    private static Long uint32(String key) {
        if (key.isEmpty() || key.length() > 10 || !key.chars().allMatch(Character::isDigit)) {
            return null;
        }
        long v = Long.parseLong(key);
        return v > 0xFFFFFFFFL ? null : v;
    }
}
