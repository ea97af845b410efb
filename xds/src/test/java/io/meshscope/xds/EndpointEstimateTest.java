package io.meshscope.xds;

import static org.assertj.core.api.Assertions.assertThat;

import io.meshscope.core.model.MeshInput;
import io.meshscope.core.scope.MeshIndex;
import io.meshscope.xds.report.ConfigReporter;
import io.meshscope.xds.report.ConfigSize;
import org.junit.jupiter.api.Test;

/** Endpoints estimated from replicas where the input has no EndpointSlices, Endpoints or Pod IPs (Git manifests). */
class EndpointEstimateTest {
    static final String GIT = """
            apiVersion: v1
            kind: Service
            metadata: {name: web, namespace: app}
            spec: {selector: {app: web}, ports: [{name: http, port: 80, targetPort: 8080}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: web, namespace: app}
            spec: {replicas: 3, template: {metadata: {labels: {app: web}}}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: api, namespace: app}
            spec: {selector: {app: api}, ports: [{name: http, port: 80}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, namespace: app}
            spec: {template: {metadata: {labels: {app: api}}}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: idle, namespace: app}
            spec: {selector: {app: idle}, ports: [{name: http, port: 80}]}
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: idle, namespace: app}
            spec: {replicas: 0, template: {metadata: {labels: {app: idle}}}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: live, namespace: app}
            spec: {selector: {app: live}, ports: [{name: http, port: 80}]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: live-1, namespace: app, labels: {app: live}}
            status: {podIP: 10.1.0.9}
            """;

    @Test
    void eachSelectedControllerStandsForItsReplicasOneWhenUnsetAsKubernetes() {
        EndpointEstimate e = EndpointEstimate.fromReplicas(XdsFixtures.yaml(GIT));
        assertThat(e.services()).containsExactly(new EndpointEstimate.Estimated("app/api", 1),
                new EndpointEstimate.Estimated("app/idle", 0), new EndpointEstimate.Estimated("app/web", 3));
    }

    @Test
    void onlySizingSnapshotsEstimateAndTheirSizesCountTheEstimatedEndpoints() {
        MeshInput in = XdsFixtures.yaml(GIT);
        MeshIndex index = MeshIndex.build(in);
        var live = XdsFixtures.workload(in, io.meshscope.core.model.WorkloadKind.POD, "app", "live-1");
        ConfigSize served = ConfigSize.of(XdsSnapshot.build(index).resourcesFor(XdsFixtures.proxy(live), live));
        ConfigSize sized = new ConfigReporter(index).report(live).scoped();
        // web 3 + api 1 estimated, live's own pod real: 5 endpoints when sizing, 1 when serving.
        assertThat(served.endpoints()).isEqualTo(1);
        assertThat(sized.endpoints()).isEqualTo(5);
        assertThat(sized.bytes()).isGreaterThan(served.bytes());
        assertThat(XdsSnapshot.build(index).endpointEstimate().isEmpty()).isTrue();
    }

    @Test
    void placeholderAddressesComeFromTheBenchmarkingRange() {
        assertThat(EndpointEstimate.address(0)).isEqualTo("198.18.0.0");
        assertThat(EndpointEstimate.address(65_536 + 257)).isEqualTo("198.19.1.1");
    }
}
