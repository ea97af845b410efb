package io.meshscope.core.generate;

import io.meshscope.core.model.CaptureMode;
import io.meshscope.core.model.ConnectionPool;
import io.meshscope.core.model.IngressListener;
import io.meshscope.core.model.PortSpec;
import io.meshscope.core.model.ServerTls;
import io.meshscope.core.model.Sidecar;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Writes Sidecar drafts as YAML text, deterministically: fixed field order, maps sorted, every host
 * double-quoted with its evidence as a trailing comment, documents separated by {@code ---}. A merged draft's
 * other fields (metadata labels and annotations, ingress, outbound policy, inbound pool) are written from the
 * input as meshscope read it; ingress {@code tls.tlsCertificates} cannot be written back and is reported in a
 * comment.
 */
public final class SidecarYaml {
    private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._/-]*");

    private SidecarYaml() {
    }

    /** The drafts as one YAML stream; {@code header} lines (may be empty) become leading comments. */
    public static String render(List<SidecarDraft> drafts, List<String> header) {
        StringBuilder sb = new StringBuilder();
        header.forEach(h -> comment(sb, "", h));
        for (int i = 0; i < drafts.size(); i++) {
            if (i > 0) {
                sb.append("---\n");
            }
            draft(sb, drafts.get(i));
        }
        return sb.toString();
    }

    static void draft(StringBuilder sb, SidecarDraft d) {
        if (d.comment() != null) {
            comment(sb, "", d.comment());
        }
        Sidecar base = d.base();
        sb.append("apiVersion: networking.istio.io/v1\nkind: Sidecar\nmetadata:\n");
        sb.append("  name: ").append(scalar(d.name())).append('\n');
        sb.append("  namespace: ").append(scalar(d.namespace())).append('\n');
        if (base != null) {
            map(sb, "  ", "labels", base.meta().labels());
            map(sb, "  ", "annotations", base.meta().annotations());
        }
        sb.append("spec:\n");
        if (d.selector() != null) {
            sb.append("  workloadSelector:\n");
            if (d.selector().isEmpty()) {
                sb.append("    labels: {}\n");
            } else {
                map(sb, "    ", "labels", d.selector());
            }
        }
        if (base != null && !base.ingress().isEmpty()) {
            sb.append("  ingress:\n");
            base.ingress().stream().filter(l -> l != null).forEach(l -> ingress(sb, l));
        }
        if (!d.egress().isEmpty()) {
            sb.append("  egress:\n");
            for (SidecarDraft.Listener l : d.egress()) {
                egress(sb, l);
            }
        }
        if (base != null && base.outboundTrafficPolicy() != null) {
            sb.append("  outboundTrafficPolicy:\n");
            var otp = base.outboundTrafficPolicy();
            if (otp.mode() != null) {
                sb.append("    mode: ").append(otp.mode().name()).append('\n');
            }
            if (otp.egressProxy() != null) {
                sb.append("    egressProxy:\n");
                field(sb, "      ", "host", otp.egressProxy().host());
                field(sb, "      ", "subset", otp.egressProxy().subset());
                if (otp.egressProxy().port() != null) {
                    sb.append("      port:\n        number: ").append(otp.egressProxy().port()).append('\n');
                }
            }
            if (otp.mode() == null && otp.egressProxy() == null) {
                sb.setLength(sb.length() - 1);
                sb.append(" {}\n");
            }
        }
        if (base != null && base.inboundConnectionPool() != null) {
            pool(sb, "  ", "inboundConnectionPool", base.inboundConnectionPool());
        }
    }

    private static void egress(StringBuilder sb, SidecarDraft.Listener l) {
        String first = "    - ";
        if (l.port() != null) {
            sb.append(first).append("port:\n");
            port(sb, "        ", l.port());
            first = "      ";
        }
        if (!l.bind().isEmpty()) {
            sb.append(first).append("bind: ").append(scalar(l.bind())).append('\n');
            first = "      ";
        }
        if (l.captureMode() != CaptureMode.DEFAULT) {
            sb.append(first).append("captureMode: ").append(l.captureMode().name()).append('\n');
            first = "      ";
        }
        sb.append(first).append("hosts:\n");
        for (SidecarDraft.Host h : l.hosts()) {
            sb.append("        - ").append(quote(h.line()));
            if (h.comment() != null) {
                sb.append("  # ").append(h.comment().replace('\n', ' '));
            }
            sb.append('\n');
        }
    }

    private static void ingress(StringBuilder sb, IngressListener l) {
        String first = "    - ";
        if (l.port() != null) {
            sb.append(first).append("port:\n");
            port(sb, "        ", l.port());
            first = "      ";
        }
        if (!l.bind().isEmpty()) {
            sb.append(first).append("bind: ").append(scalar(l.bind())).append('\n');
            first = "      ";
        }
        if (l.captureMode() != CaptureMode.DEFAULT) {
            sb.append(first).append("captureMode: ").append(l.captureMode().name()).append('\n');
            first = "      ";
        }
        if (!l.defaultEndpoint().isEmpty()) {
            sb.append(first).append("defaultEndpoint: ").append(quote(l.defaultEndpoint())).append('\n');
            first = "      ";
        }
        if (l.tls() != null) {
            sb.append(first).append("tls:\n");
            tls(sb, "        ", l.tls());
            first = "      ";
        }
        if (l.connectionPool() != null) {
            pool(sb, first.equals("    - ") ? "    - " : "      ", "connectionPool", l.connectionPool());
        }
    }

    private static void tls(StringBuilder sb, String in, ServerTls t) {
        field(sb, in, "mode", t.mode());
        if (t.httpsRedirect()) {
            sb.append(in).append("httpsRedirect: true\n");
        }
        field(sb, in, "serverCertificate", t.serverCertificate());
        field(sb, in, "privateKey", t.privateKey());
        field(sb, in, "caCertificates", t.caCertificates());
        field(sb, in, "caCrl", t.caCrl());
        field(sb, in, "credentialName", t.credentialName());
        list(sb, in, "credentialNames", t.credentialNames());
        list(sb, in, "subjectAltNames", t.subjectAltNames());
        if (!"TLS_AUTO".equals(t.minProtocolVersion())) {
            field(sb, in, "minProtocolVersion", t.minProtocolVersion());
        }
        list(sb, in, "cipherSuites", t.cipherSuites());
        if (t.tlsCertificates() > 0) {
            comment(sb, in, "tlsCertificates (" + t.tlsCertificates() + ") not written back: copy them from the input");
        }
    }

    private static void port(StringBuilder sb, String in, PortSpec p) {
        if (p.number() != null) {
            sb.append(in).append("number: ").append(p.number()).append('\n');
        }
        field(sb, in, "protocol", p.protocol());
        field(sb, in, "name", p.name());
        if (p.targetPort() != null) {
            sb.append(in).append("targetPort: ").append(p.targetPort()).append('\n');
        }
    }

    private static void pool(StringBuilder sb, String in, String key, ConnectionPool pool) {
        if (pool.http() == null && pool.tcp() == null) {
            sb.append(in).append(key).append(": {}\n");
            return;
        }
        sb.append(in).append(key).append(":\n");
        String inner = " ".repeat(in.length() + 2);
        block(sb, inner, "http", pool.http());
        block(sb, inner, "tcp", pool.tcp());
    }

    private static void block(StringBuilder sb, String in, String name, Map<String, Object> values) {
        if (values == null) {
            return;
        }
        sb.append(in).append(name).append(values.isEmpty() ? ": {}\n" : ":\n");
        new TreeMap<>(values).forEach((k, v) -> sb.append(in).append("  ").append(k).append(": ")
                .append(v instanceof String s ? quote(s) : String.valueOf(v)).append('\n'));
    }

    private static void map(StringBuilder sb, String in, String key, Map<String, String> m) {
        if (m.isEmpty()) {
            return;
        }
        sb.append(in).append(key).append(":\n");
        new TreeMap<>(m).forEach((k, v) -> sb.append(in).append("  ").append(scalar(k)).append(": ").append(quote(v))
                .append('\n'));
    }

    private static void list(StringBuilder sb, String in, String key, List<String> items) {
        if (items.isEmpty()) {
            return;
        }
        sb.append(in).append(key).append(":\n");
        items.forEach(i -> sb.append(in).append("  - ").append(quote(i)).append('\n'));
    }

    private static void field(StringBuilder sb, String in, String key, String value) {
        if (value != null && !value.isEmpty()) {
            sb.append(in).append(key).append(": ").append(scalar(value)).append('\n');
        }
    }

    private static void comment(StringBuilder sb, String in, String text) {
        for (String line : text.split("\n", -1)) {
            sb.append(in).append(line.isEmpty() ? "#" : "# " + line).append('\n');
        }
    }

    /** A plain scalar when it is unambiguous text, else double-quoted. */
    static String scalar(String s) {
        return PLAIN.matcher(s).matches() && !s.matches("(?i:true|false|yes|no|on|off|y|n|null)|[-+0-9.eE]+")
                ? s : quote(s);
    }

    /** A double-quoted YAML scalar (JSON escaping, which YAML accepts). */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (io.meshscope.core.render.TextSafe.unsafe(c)) { // C0, and DEL/C1 YAML forbids raw
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.append('"').toString();
    }
}
