package io.meshscope.kube;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.MeshObject;

import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;

/** Test manifests: one object of every kind meshscope reads, and helpers to look into a decoded input. */
final class Manifests {
    private Manifests() {
    }

    static String namespace(String name, String labels) {
        return """
                apiVersion: v1
                kind: Namespace
                metadata:
                  name: %s
                  labels: {%s}
                """.formatted(name, labels);
    }

    /** The mesh ConfigMap in istio-system with the given outbound traffic mode. */
    static String meshConfig(String mode) {
        return """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: istio, namespace: istio-system}
                data:
                  mesh: |
                    rootNamespace: istio-system
                    outboundTrafficPolicy:
                      mode: %s
                """.formatted(mode);
    }

    /** A Service {@code name} with an EndpointSlice, a Deployment and a Pod behind it, in {@code ns}. */
    static String app(String ns, String name, String ip) {
        return """
                apiVersion: v1
                kind: Service
                metadata: {name: %2$s, namespace: %1$s}
                spec:
                  selector: {app: %2$s}
                  ports: [{name: http, port: 80, targetPort: 8080}]
                ---
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: %2$s-abcde
                  namespace: %1$s
                  labels: {kubernetes.io/service-name: %2$s}
                addressType: IPv4
                endpoints: [{addresses: [%3$s], conditions: {ready: true}}]
                ports: [{name: http, port: 8080, protocol: TCP}]
                ---
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: %2$s, namespace: %1$s}
                spec:
                  replicas: 2
                  selector: {matchLabels: {app: %2$s}}
                  template:
                    metadata: {labels: {app: %2$s}}
                    spec: {containers: [{name: app, image: app, ports: [{containerPort: 8080}]}]}
                ---
                apiVersion: v1
                kind: Pod
                metadata:
                  name: %2$s-7d4f8-x1
                  namespace: %1$s
                  labels: {app: %2$s}
                spec: {containers: [{name: app, image: app, ports: [{containerPort: 8080}]}]}
                status: {podIP: %3$s}
                """.formatted(ns, name, ip);
    }

    /** The other workload controllers, in {@code ns}. */
    static String controllers(String ns) {
        String template = "template: {metadata: {labels: {app: %s}}, spec: {containers: [{name: c, image: i}]}}";
        return """
                apiVersion: apps/v1
                kind: StatefulSet
                metadata: {name: db, namespace: %1$s}
                spec: {replicas: 3, selector: {matchLabels: {app: db}}, %2$s}
                ---
                apiVersion: apps/v1
                kind: DaemonSet
                metadata: {name: agent, namespace: %1$s}
                spec: {selector: {matchLabels: {app: agent}}, %3$s}
                ---
                apiVersion: apps/v1
                kind: ReplicaSet
                metadata: {name: legacy, namespace: %1$s}
                spec: {replicas: 1, selector: {matchLabels: {app: legacy}}, %4$s}
                ---
                apiVersion: batch/v1
                kind: Job
                metadata: {name: migrate, namespace: %1$s}
                spec: {%5$s}
                ---
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: nightly, namespace: %1$s}
                spec: {schedule: "0 2 * * *", jobTemplate: {spec: {%6$s}}}
                """.formatted(ns, template.formatted("db"), template.formatted("agent"), template.formatted("legacy"),
                template.formatted("migrate"), template.formatted("nightly"));
    }

    /** One object of each Istio networking kind, at {@code apiVersion}, in {@code ns}. */
    static String istio(String apiVersion, String ns) {
        return """
                apiVersion: %1$s
                kind: Sidecar
                metadata: {name: default, namespace: %2$s}
                spec:
                  egress: [{hosts: ["./*", "istio-system/*"]}]
                ---
                apiVersion: %1$s
                kind: ServiceEntry
                metadata: {name: stripe, namespace: %2$s}
                spec:
                  hosts: [api.stripe.com]
                  location: MESH_EXTERNAL
                  resolution: DNS
                  ports: [{number: 443, name: tls, protocol: TLS}]
                ---
                apiVersion: %1$s
                kind: WorkloadEntry
                metadata: {name: vm1, namespace: %2$s, labels: {app: vm}}
                spec: {address: 10.9.0.1, labels: {app: vm}}
                ---
                apiVersion: %1$s
                kind: VirtualService
                metadata: {name: web, namespace: %2$s}
                spec:
                  hosts: [web]
                  http: [{route: [{destination: {host: web}}]}]
                ---
                apiVersion: %1$s
                kind: DestinationRule
                metadata: {name: web, namespace: %2$s}
                spec: {host: web, trafficPolicy: {loadBalancer: {simple: ROUND_ROBIN}}}
                """.formatted(apiVersion, ns);
    }

    /** {@code Kind ns/name} of every object decoded, plus problems rendered, for assertions. */
    static Set<String> ids(MeshInput in) {
        Set<String> out = new TreeSet<>();
        Stream.of(in.namespaces(), in.services(), in.serviceEntries(), in.endpoints(), in.workloads(), in.sidecars(),
                        in.virtualServices(), in.destinationRules())
                .flatMap(l -> l.stream().map(o -> (MeshObject) o))
                .forEach(o -> out.add(o.id().kind() + " " + o.id().nsName()));
        return out;
    }
}
