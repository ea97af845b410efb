package io.meshscope.server.xds;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.TreeMap;

/** The version_info of a response: a hash of the (name, content version) pairs it carries. */
final class Versions {
    private Versions() {
    }

    static String combined(Map<String, String> nameToVersion) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(nameToVersion).forEach((n, v) -> sb.append(n).append('=').append(v).append('\n'));
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < 8; i++) {
                hex.append(String.format("%02x", d[i]));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
