package io.meshscope.decode;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.model.Workload;
import io.meshscope.core.model.Workload.ContainerPort;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Declared container ports keep what a named {@code targetPort} is resolved by: name, number and protocol. */
class ContainerPortsDecodingTest {

    private static Workload only(String yaml) {
        MeshInput in = new ManifestReader().readString("w.yaml", yaml, Optional.empty());
        assertThat(in.hasErrors()).as("problems: %s", in.problems()).isFalse();
        assertThat(in.workloads()).hasSize(1);
        return in.workloads().get(0);
    }

    @Test
    void podPortsKeepNameAndProtocolWithTcpAsTheDefault() {
        Workload pod = only("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: ns}
                spec:
                  containers:
                  - name: app
                    ports: [{name: http-web, containerPort: 8080}, {name: dns, containerPort: 53, protocol: UDP}]
                  - name: other
                    ports: [{containerPort: 9000}]
                """);

        assertThat(pod.containerPorts()).containsExactly(new ContainerPort("http-web", 8080, "TCP"),
                new ContainerPort("dns", 53, "UDP"), new ContainerPort("", 9000, "TCP"));
    }

    @Test
    void nativeSidecarInitContainersAddTheirPortsAfterTheContainersAndOtherInitContainersDoNot() {
        Workload pod = only("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p, namespace: ns}
                spec:
                  initContainers:
                  - name: setup
                    ports: [{name: setup, containerPort: 7000}]
                  - name: proxy
                    restartPolicy: Always
                    ports: [{name: admin, containerPort: 15000}]
                  containers:
                  - name: app
                    ports: [{name: http, containerPort: 8080}]
                """);

        assertThat(pod.containerPorts()).containsExactly(new ContainerPort("http", 8080, "TCP"),
                new ContainerPort("admin", 15000, "TCP"));
    }

    @Test
    void controllerTemplatePortsAreReadLikeAPods() {
        Workload cronJob = only("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: cj, namespace: ns}
                spec:
                  schedule: "* * * * *"
                  jobTemplate:
                    spec:
                      template:
                        metadata: {labels: {app: cj}}
                        spec:
                          containers: [{name: c, ports: [{name: http-web, containerPort: 8080}]}]
                """);

        assertThat(cronJob.containerPorts()).containsExactly(new ContainerPort("http-web", 8080, "TCP"));
    }

    @Test
    void workloadEntryPortsAreItsNamedPortMap() {
        Workload we = only("""
                apiVersion: networking.istio.io/v1
                kind: WorkloadEntry
                metadata: {name: vm, namespace: ns}
                spec: {address: 10.0.0.5, labels: {app: vm}, ports: {http-web: 8080, grpc: 9090}}
                """);

        assertThat(we.containerPorts()).containsExactly(new ContainerPort("http-web", 8080, ""),
                new ContainerPort("grpc", 9090, ""));
    }
}
