package io.meshscope.core.synth;

/**
 * The synthetic mesh's control-plane namespace: the mesh ConfigMap, istiod's Deployment, Service and EndpointSlice,
 * as an Istio install writes them (fixed text; only the generated name suffixes vary with the seed).
 */
final class IstioSystemManifests {
    private IstioSystemManifests() {
    }

    /** Appends the documents; the suffixes are the seed's generateName-style tokens. */
    static void render(SynthText.Docs docs, String sliceSuffix, String replicaSetHash, String podSuffix) {
        docs.next().append("""
                apiVersion: v1
                kind: ConfigMap
                metadata:
                  name: istio
                  namespace: istio-system
                data:
                  mesh: |-
                    rootNamespace: istio-system
                """);
        docs.next().append("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  name: istiod
                  namespace: istio-system
                  labels:
                    app: istiod
                    istio: pilot
                spec:
                  replicas: 1
                  selector:
                    matchLabels:
                      app: istiod
                      istio: pilot
                  template:
                    metadata:
                      labels:
                        app: istiod
                        istio: pilot
                      annotations:
                        sidecar.istio.io/inject: "false"
                    spec:
                      containers:
                        - name: discovery
                          image: %s
                          ports:
                            - name: grpc-xds
                              containerPort: 15010
                              protocol: TCP
                            - name: https-dns
                              containerPort: 15012
                              protocol: TCP
                            - name: https-webhook
                              containerPort: 15017
                              protocol: TCP
                            - name: http-monitoring
                              containerPort: 15014
                              protocol: TCP
                """.formatted(SyntheticMesh.ISTIOD_IMAGE));
        docs.next().append("""
                apiVersion: v1
                kind: Service
                metadata:
                  name: istiod
                  namespace: istio-system
                  labels:
                    app: istiod
                    istio: pilot
                spec:
                  type: ClusterIP
                  clusterIP: 10.96.0.10
                  selector:
                    app: istiod
                    istio: pilot
                  ports:
                    - name: grpc-xds
                      port: 15010
                      targetPort: 15010
                      protocol: TCP
                    - name: https-dns
                      port: 15012
                      targetPort: 15012
                      protocol: TCP
                    - name: https-webhook
                      port: 443
                      targetPort: 15017
                      protocol: TCP
                    - name: http-monitoring
                      port: 15014
                      targetPort: 15014
                      protocol: TCP
                """);
        docs.next().append("""
                apiVersion: discovery.k8s.io/v1
                kind: EndpointSlice
                metadata:
                  name: istiod-%s
                  namespace: istio-system
                  labels:
                    kubernetes.io/service-name: istiod
                    endpointslice.kubernetes.io/managed-by: endpointslice-controller.k8s.io
                addressType: IPv4
                ports:
                  - name: grpc-xds
                    port: 15010
                    protocol: TCP
                  - name: https-dns
                    port: 15012
                    protocol: TCP
                  - name: https-webhook
                    port: 15017
                    protocol: TCP
                  - name: http-monitoring
                    port: 15014
                    protocol: TCP
                endpoints:
                  - addresses:
                      - "10.128.0.10"
                    conditions:
                      ready: true
                    zone: zone-a
                    targetRef:
                      kind: Pod
                      namespace: istio-system
                      name: istiod-%s-%s
                """.formatted(sliceSuffix, replicaSetHash, podSuffix));
    }
}
