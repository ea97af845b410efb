package io.meshscope.core.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.KubeService;
import io.meshscope.core.model.KubeService.KubePort;
import io.meshscope.core.model.ObjectMeta;
import io.meshscope.core.model.Workload;
import io.meshscope.core.model.Workload.ContainerPort;
import io.meshscope.core.model.WorkloadKind;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The port each kind of workload serves a service port on, as istiod resolves numeric and named targetPorts. */
class TargetPortsTest {
    private static Workload workload(WorkloadKind kind, ContainerPort... ports) {
        return new Workload(ObjectMeta.of(kind.kindName(), "ns", "w"), kind, Map.of("app", "w"), Map.of(), 1,
                List.of("10.0.0.1"), List.of(ports));
    }

    private static Workload pod(ContainerPort... ports) {
        return workload(WorkloadKind.POD, ports);
    }

    private static Workload entry(ContainerPort... ports) {
        return workload(WorkloadKind.WORKLOAD_ENTRY, ports);
    }

    private static KubePort port(String name, int number, String targetPort) {
        return new KubePort(name, number, "TCP", targetPort, null);
    }

    @Test
    void aNamedTargetPortIsTheContainerPortOfThatName() {
        Workload p = pod(new ContainerPort("metrics", 9090, "TCP"), new ContainerPort("http-web", 8080, "TCP"));

        assertThat(TargetPorts.ofPod(port("http", 80, "http-web"), p)).isEqualTo(8080);
    }

    @Test
    void aNumericOrUnsetTargetPortIsUsedWithoutLookingAtContainers() {
        Workload p = pod(new ContainerPort("http", 8080, "TCP"));

        assertThat(TargetPorts.ofPod(port("http", 80, "7070"), p)).isEqualTo(7070);
        assertThat(TargetPorts.ofPod(port("http", 80, null), p)).isEqualTo(80);
        assertThat(TargetPorts.ofPod(port("http", 80, null), pod())).isEqualTo(80);
    }

    @Test
    void aNameNoContainerDeclaresGivesNoPort() {
        assertThat(TargetPorts.ofPod(port("http", 80, "http-web"), pod(new ContainerPort("web", 8080, "TCP"))))
                .isEqualTo(TargetPorts.NONE);
        assertThat(TargetPorts.ofPod(port("http", 80, "http-web"), pod())).isEqualTo(TargetPorts.NONE);
    }

    @Test
    void theContainerPortMustHaveTheServicePortsProtocol() {
        Workload p = pod(new ContainerPort("dns", 5353, "UDP"), new ContainerPort("dns", 5354, "TCP"));

        assertThat(TargetPorts.ofPod(new KubePort("dns-tcp", 53, "TCP", "dns", null), p)).isEqualTo(5354);
        assertThat(TargetPorts.ofPod(new KubePort("dns-udp", 53, "UDP", "dns", null), p)).isEqualTo(5353);
        assertThat(TargetPorts.ofPod(new KubePort("dns-sctp", 53, "SCTP", "dns", null), p))
                .isEqualTo(TargetPorts.NONE);
    }

    @Test
    void theFirstDeclaredPortOfTheNameWins() {
        Workload p = pod(new ContainerPort("http", 8080, "TCP"), new ContainerPort("http", 8081, "TCP"));

        assertThat(TargetPorts.ofPod(port("web", 80, "http"), p)).isEqualTo(8080);
    }

    @Test
    void aControllersPodTemplateResolvesLikeAPod() {
        Workload deployment = workload(WorkloadKind.DEPLOYMENT, new ContainerPort("http-web", 8080, "TCP"));

        assertThat(TargetPorts.ofKubernetes(port("http", 80, "http-web"), deployment)).isEqualTo(8080);
    }

    @Test
    void aWorkloadEntryTakesThePortItsMapNamesAndIsSkippedWithoutANamedOne() {
        assertThat(TargetPorts.ofWorkloadEntry(port("http", 80, "http-web"), entry(new ContainerPort("http-web", 7070, ""))))
                .isEqualTo(7070);
        assertThat(TargetPorts.ofWorkloadEntry(port("http", 80, "http-web"), entry(new ContainerPort("http", 9000, ""))))
                .isEqualTo(TargetPorts.NONE);
    }

    @Test
    void aWorkloadEntryPortNamedLikeTheServicePortOverridesANumericTargetPort() {
        Workload vm = entry(new ContainerPort("http", 9000, ""));

        assertThat(TargetPorts.ofWorkloadEntry(port("http", 80, "8080"), vm)).isEqualTo(9000);
        assertThat(TargetPorts.ofWorkloadEntry(port("grpc", 90, "9090"), vm)).isEqualTo(9090);
        assertThat(TargetPorts.ofWorkloadEntry(port("grpc", 90, null), vm)).isEqualTo(90);
        assertThat(TargetPorts.ofKubernetes(port("http", 80, "8080"), vm)).isEqualTo(9000);
    }

    @Test
    void aServiceEntryPortTakesTheWorkloadsPortOfItsNameThenItsTargetPortThenItsNumber() {
        ServicePort http = new ServicePort("http", 80, "HTTP", 8080);

        assertThat(TargetPorts.ofServiceEntry(http, entry(new ContainerPort("http", 9000, "")))).isEqualTo(9000);
        assertThat(TargetPorts.ofServiceEntry(http, pod(new ContainerPort("http", 9001, "TCP")))).isEqualTo(9001);
        // a pod's port map holds only TCP ports
        assertThat(TargetPorts.ofServiceEntry(http, pod(new ContainerPort("http", 9001, "UDP")))).isEqualTo(8080);
        assertThat(TargetPorts.ofServiceEntry(new ServicePort("http", 80, "HTTP", 0), pod())).isEqualTo(80);
    }

    @Test
    void theSpecPortBehindARegistryPortIsFoundByNameOrNumber() {
        KubeService svc = new KubeService(ObjectMeta.of("Service", "ns", "s"),
                List.of(port("http", 80, "http-web"), port("grpc", 9090, null)), null, null, null, Map.of());

        assertThat(TargetPorts.specPort(svc, new ServicePort("http", 80, "HTTP", 0)).targetPort()).isEqualTo("http-web");
        assertThat(TargetPorts.specPort(svc, new ServicePort("other", 9090, "GRPC", 0)).name()).isEqualTo("grpc");
        assertThat(TargetPorts.specPort(svc, new ServicePort("x", 1, "TCP", 0))).isNull();
    }
}
