package io.meshscope.bench;

import com.google.protobuf.Any;
import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.ListValue;
import com.google.protobuf.Struct;
import com.google.protobuf.Value;
import com.google.protobuf.util.JsonFormat;
import io.envoyproxy.envoy.config.cluster.v3.Cluster;
import io.envoyproxy.envoy.config.cluster.v3.Filter;
import io.meshscope.core.model.MeshInput;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.core.scope.Proxy;
import io.meshscope.decode.InputException;
import io.meshscope.decode.ManifestReader;
import io.meshscope.xds.ConfigDumps;
import io.meshscope.xds.NamedResource;
import io.meshscope.xds.XdsSnapshot;
import io.meshscope.xds.XdsType;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Bytes per cluster against istiod: reads a real istiod config dump, generates the cluster of the same name for a
 * sidecar of the given mesh, and prints the serialized (protobuf wire) size of each top-level field of both, so the
 * difference is visible field by field. The one type in istiod's dumps that meshscope's protos lack, Istio's
 * {@code envoy.tcp.metadataexchange.config.MetadataExchange} (one string field), is encoded by hand.
 */
final class IstiodClusterCompare {
    private static final String METADATA_EXCHANGE = "type.googleapis.com/envoy.tcp.metadataexchange.config.MetadataExchange";

    private IstiodClusterCompare() {
    }

    static int run(String[] argv, PrintStream out) throws IOException, InputException {
        Args a = new Args(argv, "dump", "mesh", "namespace", "labels");
        Path dump = Path.of(a.string("dump", "testdata/istiod/http_config.json"));
        Path mesh = Path.of(a.string("mesh", "testdata/istiod/bookinfo-productpage.yaml"));
        String namespace = a.string("namespace", "default");
        Map<String, String> labels = Map.of("app", a.string("labels", "client"));
        MeshInput input = new ManifestReader().read(List.of(mesh.toString()), System.in, Optional.empty());
        XdsSnapshot snapshot = XdsSnapshot.build(MeshIndex.build(input));
        var resources = snapshot.resourcesFor(Proxy.sidecar(namespace, labels), null);
        out.printf("istiod: %s; meshscope: %s, a sidecar in %s labelled %s%n%n", dump, mesh, namespace, labels);
        int compared = 0;
        for (Cluster istiod : istiodClusters(Files.readString(dump))) {
            NamedResource ours = resources.find(XdsType.CLUSTER, istiod.getName());
            if (ours == null) {
                out.printf("%s: meshscope generates no cluster of that name for this mesh%n%n", istiod.getName());
                continue;
            }
            table(out, istiod, (Cluster) ours.resource());
            compared++;
        }
        return compared > 0 ? 0 : 1;
    }

    private static void table(PrintStream out, Cluster istiod, Cluster ours) {
        out.println("`" + istiod.getName() + "`");
        out.println();
        out.println("| field | istiod bytes | meshscope bytes |");
        out.println("|---|---:|---:|");
        Map<String, long[]> rows = new TreeMap<>();
        fieldSizes(istiod, 0, rows);
        fieldSizes(ours, 1, rows);
        rows.forEach((f, v) -> out.printf("| %s | %d | %d |%n", f, v[0], v[1]));
        out.printf("| **total** | **%d** | **%d** |%n%n", istiod.getSerializedSize(), ours.getSerializedSize());
        out.printf("meshscope / istiod: %.2f%n%n", ours.getSerializedSize() / (double) istiod.getSerializedSize());
    }

    /** The wire size each set top-level field would take alone (tag included), by field name. */
    private static void fieldSizes(Cluster c, int column, Map<String, long[]> rows) {
        for (Map.Entry<FieldDescriptor, Object> e : c.getAllFields().entrySet()) {
            long size = Cluster.newBuilder().setField(e.getKey(), e.getValue()).build().getSerializedSize();
            rows.computeIfAbsent(e.getKey().getName(), k -> new long[2])[column] = size;
        }
    }

    /** The dump's dynamic active clusters, as protos. */
    static List<Cluster> istiodClusters(String json) throws InvalidProtocolBufferException {
        Struct.Builder root = Struct.newBuilder();
        JsonFormat.parser().merge(json, root);
        List<Cluster> out = new ArrayList<>();
        for (Value config : root.getFieldsOrThrow("configs").getListValue().getValuesList()) {
            Struct c = config.getStructValue();
            if (!c.getFieldsOrThrow("@type").getStringValue().endsWith("ClustersConfigDump")
                    || !c.containsFields("dynamic_active_clusters")) {
                continue;
            }
            for (Value active : c.getFieldsOrThrow("dynamic_active_clusters").getListValue().getValuesList()) {
                out.add(cluster(active.getStructValue().getFieldsOrThrow("cluster").getStructValue()));
            }
        }
        return out;
    }

    private static Cluster cluster(Struct json) throws InvalidProtocolBufferException {
        // Cluster filters of Istio's own types are set aside, parsed, and encoded by hand.
        List<Filter> handEncoded = new ArrayList<>();
        Struct.Builder rest = json.toBuilder();
        if (json.containsFields("filters")) {
            ListValue.Builder kept = ListValue.newBuilder();
            for (Value f : json.getFieldsOrThrow("filters").getListValue().getValuesList()) {
                Struct typed = f.getStructValue().getFieldsOrThrow("typed_config").getStructValue();
                if (typed.getFieldsOrThrow("@type").getStringValue().equals(METADATA_EXCHANGE)) {
                    handEncoded.add(Filter.newBuilder().setName(f.getStructValue().getFieldsOrThrow("name")
                            .getStringValue()).setTypedConfig(metadataExchange(typed)).build());
                } else {
                    kept.addValues(f);
                }
            }
            rest.putFields("filters", Value.newBuilder().setListValue(kept).build());
        }
        rest.removeFields("@type");
        Cluster.Builder b = Cluster.newBuilder();
        JsonFormat.parser().usingTypeRegistry(ConfigDumps.TYPES).merge(JsonFormat.printer().print(rest), b);
        return b.addAllFilters(handEncoded).build();
    }

    /** {@code MetadataExchange{string protocol = 1;}} as an {@code Any}. */
    private static Any metadataExchange(Struct typed) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            if (typed.containsFields("protocol")) {
                out.writeString(1, typed.getFieldsOrThrow("protocol").getStringValue());
            }
            out.flush();
            return Any.newBuilder().setTypeUrl(METADATA_EXCHANGE).setValue(ByteString.copyFrom(bytes.toByteArray()))
                    .build();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
