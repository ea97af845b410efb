package io.meshscope.cli;

import io.envoyproxy.envoy.admin.v3.ConfigDump;
import io.meshscope.core.registry.DestinationRuleIndex;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import io.meshscope.core.scope.SidecarScope;
import io.meshscope.xds.ConfigDumps;
import io.meshscope.xds.ProxyResources;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** {@code config-dump --type}: one of the four config types, as istioctl's proxy-config subcommands name them. */
enum DumpType {
    clusters, listeners, routes, endpoints;

    /** The type for {@code clusters} or istioctl's singular {@code cluster} (any case), or null. */
    static DumpType parse(String word) {
        String w = word.toLowerCase(Locale.ROOT);
        for (DumpType t : values()) {
            if (t.name().equals(w) || t.name().equals(w + "s")) {
                return t;
            }
        }
        return null;
    }

    /** The names, as picocli completion candidates. */
    static final class Names implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return java.util.Arrays.stream(values()).map(Enum::name).iterator();
        }
    }

    /** The dump with only this type's entry (configs are clusters, listeners, routes, endpoints in that order). */
    static String json(ProxyResources r, DumpType only) {
        ConfigDump all = ConfigDumps.configDump(r);
        return ConfigDumps.toJson(ConfigDump.newBuilder().addConfigs(all.getConfigs(only.ordinal())).build());
    }

    /** One table, or all four under headings, with DestinationRule and VirtualService names from the input. */
    static String tables(ProxyResources r, MeshIndex index, Proxy proxy, DumpType only) {
        SidecarScope scope = index.scope(proxy);
        Map<String, DestinationRuleIndex.Entry> rules = index.destinationRules(proxy, scope);
        ConfigDumpTables t = new ConfigDumpTables(r,
                host -> {
                    DestinationRuleIndex.Entry e = rules.get(host);
                    return e == null ? null : e.rule().meta().name() + "." + e.rule().meta().namespace();
                },
                host -> index.virtualServices().visibleTo(proxy.namespace()).stream()
                        .filter(vs -> vs.hosts().contains(host)).findFirst()
                        .map(vs -> vs.source().meta().name() + "." + vs.source().meta().namespace()).orElse(null));
        if (only != null) {
            return t.render(only);
        }
        List<String> parts = new ArrayList<>();
        for (DumpType type : values()) {
            parts.add(type.name().toUpperCase(Locale.ROOT) + "\n" + t.render(type));
        }
        return String.join("\n", parts);
    }
}
