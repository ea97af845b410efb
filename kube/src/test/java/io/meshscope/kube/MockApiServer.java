package io.meshscope.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.ByteString;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import io.fabric8.mockwebserver.http.Response;
import io.fabric8.mockwebserver.http.WebSocket;
import io.fabric8.mockwebserver.http.WebSocketListener;

import java.net.InetAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The fabric8 mock API server in CRUD mode, with what a real API server does that the mock does not: it can be
 * restarted on the same port keeping its objects, and after a restart the first watch of each resource is
 * answered with a 410 Gone ERROR event, as a real server answers a watch from a resourceVersion it no longer
 * has (the mock would silently resume from "now" and lose the changes made while it was down). Lists
 * can be made slow or failing. Also works around the mock blocking its event loop for a second per watch the
 * client closes (its close handshake waits on an executor), which stalls it when many watches stop at once.
 */
public final class MockApiServer implements AutoCloseable {
    private static final Pattern RESOURCE_VERSION = Pattern.compile("(resourceVersion|timeoutSeconds)=\\d+&?");
    private static final String GONE = "{\"type\":\"ERROR\",\"object\":{\"kind\":\"Status\",\"apiVersion\":\"v1\","
            + "\"status\":\"Failure\",\"reason\":\"Expired\",\"code\":410,\"message\":\"too old resource version\"}}";

    private final KubernetesCrudDispatcher crud = new KubernetesCrudDispatcher();
    private final Set<String> expired = ConcurrentHashMap.newKeySet();
    private final Set<String> watchedSinceRestart = ConcurrentHashMap.newKeySet();
    private volatile boolean restarted;
    private final AtomicInteger failingLists = new AtomicInteger();
    private volatile String failingListPath = "";
    private final AtomicReference<Duration> listDelay = new AtomicReference<>(Duration.ZERO);
    private KubernetesMockServer server;
    private int port;

    public MockApiServer start() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new Faulty(), false);
        server.init(InetAddress.getLoopbackAddress(), port);
        port = server.getPort();
        return this;
    }

    /** A new client for this server (it follows restarts: same address), tuned as {@link KubeClients} tunes one. */
    public KubernetesClient client() {
        Config config;
        try (KubernetesClient plain = server.createClient()) {
            config = KubeClients.tuned(plain.getConfiguration());
        }
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /** Writes a kubeconfig whose current context is this server, for code that resolves clusters as kubectl does. */
    public java.nio.file.Path writeKubeconfig(java.nio.file.Path dir) throws java.io.IOException {
        String url;
        try (KubernetesClient c = client()) {
            url = c.getConfiguration().getMasterUrl();
        }
        return java.nio.file.Files.writeString(dir.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: mock, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
                users: [{name: me, user: {token: secret}}]
                contexts: [{name: mock, context: {cluster: mock, user: me}}]
                current-context: mock
                """.formatted(url));
    }

    /** Writes objects directly, as another API client would while this process cannot reach the server. */
    KubernetesCrudDispatcher store() {
        return crud;
    }

    /** Stops serving: open watches break, requests are refused. */
    void stop() {
        server.destroy();
    }

    /** Serves again on the same port; every resource's first watch is answered 410 Gone, as after a restart. */
    void restart() {
        watchedSinceRestart.clear();
        restarted = true;
        start();
    }

    /** How many watches were answered 410 Gone. */
    int goneAnswers() {
        return expired.size();
    }

    /** The next {@code n} list requests whose path starts with {@code pathPrefix} fail with HTTP 500. */
    void failNextLists(String pathPrefix, int n) {
        failingListPath = pathPrefix;
        failingLists.set(n);
    }

    /** Every list request is answered only after {@code delay}. */
    void slowLists(Duration delay) {
        listDelay.set(delay);
    }

    @Override
    public void close() {
        server.destroy();
    }

    private final class Faulty extends Dispatcher {
        @Override
        public MockResponse dispatch(RecordedRequest request) {
            String path = request.getPath();
            boolean get = "GET".equals(request.getMethod());
            if (get && path.contains("watch=true")) {
                String resource = RESOURCE_VERSION.matcher(path).replaceAll("");
                if (restarted && watchedSinceRestart.add(resource)) {
                    expired.add(path);
                    return new MockResponse().withWebSocketUpgrade(new WebSocketListener() {
                        @Override
                        public void onOpen(WebSocket ws, Response response) {
                            ws.send(GONE);
                            ws.close(1000, "");
                        }
                    });
                }
                MockResponse response = crud.dispatch(request);
                if (response.getWebSocketListener() != null) {
                    response.withWebSocketUpgrade(new PromptClose(response.getWebSocketListener()));
                }
                return response;
            }
            if (get && !path.startsWith("/apis/apiextensions") && !path.matches("/apis?(/[^/]+)?(/v[^/]+)?")) {
                if (path.startsWith(failingListPath) && failingLists.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    return new MockResponse().setResponseCode(500).setBody("{\"kind\":\"Status\",\"code\":500,"
                            + "\"message\":\"injected failure\"}");
                }
                Duration delay = listDelay.get();
                if (!delay.isZero()) {
                    return crud.dispatch(request).setBodyDelay(delay);
                }
            }
            return crud.dispatch(request);
        }
    }

    /**
     * Answers a client's close frame at once instead of on the mock's executor, and runs the mock's close
     * handling (which waits up to a second for that executor) off the event loop (see the class comment).
     */
    private static final class PromptClose extends WebSocketListener {
        private final WebSocketListener delegate;

        PromptClose(WebSocketListener delegate) {
            this.delegate = delegate;
        }

        @Override
        public void onOpen(WebSocket ws, Response response) {
            delegate.onOpen(ws, response);
        }

        @Override
        public void onMessage(WebSocket ws, String text) {
            delegate.onMessage(ws, text);
        }

        @Override
        public void onMessage(WebSocket ws, ByteString bytes) {
            delegate.onMessage(ws, bytes);
        }

        @Override
        public void onClosing(WebSocket ws, int code, String reason) {
            ws.close(code, reason);
        }

        @Override
        public void onClosed(WebSocket ws, int code, String reason) {
            CompletableFuture.runAsync(() -> delegate.onClosed(ws, code, reason)); // it blocks: not on the event loop
        }

        @Override
        public void onFailure(WebSocket ws, Throwable t, Response response) {
            CompletableFuture.runAsync(() -> delegate.onFailure(ws, t, response));
        }
    }
}
