package io.meshscope.decode;

import io.meshscope.core.model.MeshObject;
import io.meshscope.core.model.Namespace;
import io.meshscope.core.model.ObjectMeta;
import io.meshscope.core.model.WorkloadKind;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/** The kinds meshscope reads (cli.md "Inputs"), by API group and kind, and how to decode each. */
final class Kinds {

    /** Decodes one object of a kind, given its already-read metadata. */
    @FunctionalInterface
    interface KindDecoder {
        MeshObject decode(NodeReader object, ObjectMeta meta);
    }

    /** How one kind is read. */
    record KindSpec(String kind, boolean namespaced, KindDecoder decoder) {
    }

    static final String ISTIO_GROUP = "networking.istio.io";
    private static final Set<String> ISTIO_VERSIONS = Set.of("v1", "v1beta1", "v1alpha3");
    static final String SECURITY_GROUP = "security.istio.io";
    /** PeerAuthentication is served as v1 and v1beta1 (the CRD's versions). */
    private static final Set<String> SECURITY_VERSIONS = Set.of("v1", "v1beta1");
    private static final Map<String, KindSpec> BY_GROUP_AND_KIND = new HashMap<>();

    static {
        add("", new KindSpec("Namespace", false, (o, m) -> new Namespace(m)));
        add("", new KindSpec("Service", true, ServiceDecoder::service));
        add("", new KindSpec("Endpoints", true, EndpointsDecoder::endpoints));
        add("", new KindSpec("Pod", true, WorkloadDecoder::pod));
        add("discovery.k8s.io", new KindSpec("EndpointSlice", true, EndpointsDecoder::endpointSlice));
        for (WorkloadKind kind : new WorkloadKind[] {WorkloadKind.DEPLOYMENT, WorkloadKind.STATEFUL_SET,
                WorkloadKind.DAEMON_SET, WorkloadKind.REPLICA_SET}) {
            KindSpec spec = new KindSpec(kind.kindName(), true, (o, m) -> WorkloadDecoder.controller(kind, o, m));
            add("apps", spec);
            add("extensions", spec); // pre-1.16 manifests still in the wild
        }
        for (WorkloadKind kind : new WorkloadKind[] {WorkloadKind.JOB, WorkloadKind.CRON_JOB}) {
            add("batch", new KindSpec(kind.kindName(), true, (o, m) -> WorkloadDecoder.controller(kind, o, m)));
        }
        add(ISTIO_GROUP, new KindSpec("Sidecar", true, SidecarDecoder::decode));
        add(ISTIO_GROUP, new KindSpec("ServiceEntry", true, ServiceDecoder::serviceEntry));
        add(ISTIO_GROUP, new KindSpec("WorkloadEntry", true, WorkloadDecoder::workloadEntry));
        add(ISTIO_GROUP, new KindSpec("VirtualService", true, RoutingDecoder::virtualService));
        add(ISTIO_GROUP, new KindSpec("DestinationRule", true, RoutingDecoder::destinationRule));
        add(SECURITY_GROUP, new KindSpec("PeerAuthentication", true, PeerAuthenticationDecoder::decode));
    }

    private Kinds() {
    }

    private static void add(String group, KindSpec spec) {
        BY_GROUP_AND_KIND.put(group + "/" + spec.kind(), spec);
    }

    /** The spec for an apiVersion and kind, or null when meshscope does not read it. */
    static KindSpec lookup(String apiVersion, String kind) {
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        if (group.equals(ISTIO_GROUP) && !ISTIO_VERSIONS.contains(version)
                || group.equals(SECURITY_GROUP) && !SECURITY_VERSIONS.contains(version)) {
            return null;
        }
        return BY_GROUP_AND_KIND.get(group + "/" + kind);
    }
}
