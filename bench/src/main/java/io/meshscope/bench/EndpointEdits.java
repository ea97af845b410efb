package io.meshscope.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The edits AdsBench makes to a synthetic mesh's EndpointSlice files: one service's address, or every address. */
final class EndpointEdits {
    private EndpointEdits() {
    }

    /** The files holding EndpointSlices. */
    static List<Path> files(Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        try (var files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                if (Files.readString(p).contains("kubernetes.io/service-name: ")) {
                    out.add(p);
                }
            }
        }
        return out;
    }

    /** Every endpoint's first address replaced by {@code prefix} followed by a running number's last two octets. */
    static String rewriteAll(String text, String prefix, int[] counter) {
        String open = "- addresses:\n      - \"";
        StringBuilder b = new StringBuilder(text.length());
        int from = 0;
        int a;
        while ((a = text.indexOf(open, from)) >= 0) {
            a += open.length();
            int end = text.indexOf('"', a);
            int i = counter[0]++;
            b.append(text, from, a).append(prefix).append(i / 250 % 250).append('.').append(i % 250 + 1);
            from = end;
        }
        return b.append(text, from, text.length()).toString();
    }

    /** The file holding the target's EndpointSlice. */
    static Path fileOf(Path dir, AdsBench.Changed target) throws IOException {
        String marker = "kubernetes.io/service-name: " + target.name() + "\n";
        try (var files = Files.list(dir)) {
            for (Path p : files.sorted().toList()) {
                if (Files.readString(p).contains(marker)) {
                    return p;
                }
            }
        }
        throw new IllegalStateException("no EndpointSlice for " + target.name() + " in " + dir);
    }

    /** The service's EndpointSlice with its first endpoint address replaced. */
    static String rewriteAddress(String text, String service, String address) {
        int i = text.indexOf("kubernetes.io/service-name: " + service + "\n");
        String open = "- addresses:\n      - \"";
        int a = text.indexOf(open, i);
        if (i < 0 || a < 0) {
            throw new IllegalStateException("no endpoint address for " + service);
        }
        a += open.length();
        int b = text.indexOf('"', a);
        return text.substring(0, a) + address + text.substring(b);
    }
}
