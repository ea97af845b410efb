package io.meshscope.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Runs instant queries against Prometheus's HTTP API ({@code GET <base>/api/v1/query?query=...}) with a connect
 * and a request timeout. Every failure to get an answer is a {@link CommandFailure} with exit code 2 and a
 * message naming the URL; an answer with an error status is returned as is (its JSON carries Prometheus's error).
 */
final class PrometheusClient {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    PrometheusClient(String baseUrl, Duration timeout) {
        String b = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        try {
            this.base = URI.create(b);
        } catch (IllegalArgumentException e) {
            throw new CommandFailure(ExitCodes.USAGE, "--prometheus " + baseUrl + " is not a valid URL: " + e.getMessage());
        }
        if (base.getHost() == null) {
            throw new CommandFailure(ExitCodes.USAGE, "--prometheus " + baseUrl + " is not a valid URL (no host)");
        }
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT.compareTo(timeout) < 0 ? CONNECT_TIMEOUT : timeout)
                .followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The response body of an instant query. */
    String query(String promql) {
        URI uri = URI.create(base + "/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", "application/json").GET()
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpConnectTimeoutException e) {
            throw unreachable("no connection within " + CONNECT_TIMEOUT.toSeconds() + " s");
        } catch (HttpTimeoutException e) {
            throw unreachable("no answer within " + timeout.toSeconds() + " s (raise --prometheus-timeout, or "
                    + "shorten --window)");
        } catch (ConnectException e) {
            throw unreachable("connection refused");
        } catch (IOException e) {
            throw unreachable(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unreachable("interrupted");
        }
        String body = response.body();
        boolean json = body != null && body.stripLeading().startsWith("{");
        if (response.statusCode() / 100 != 2 && !json) {
            throw new CommandFailure(ExitCodes.USAGE, "Prometheus at " + base + " answered HTTP "
                    + response.statusCode() + " to " + uri.getPath() + (body == null || body.isBlank() ? ""
                    : ": " + abbreviate(body.strip())));
        }
        return body;
    }

    private CommandFailure unreachable(String why) {
        return new CommandFailure(ExitCodes.USAGE, "cannot query Prometheus at " + base + ": " + why);
    }

    private static String abbreviate(String s) {
        String one = s.replaceAll("\\s+", " ");
        return one.length() <= 200 ? one : one.substring(0, 197) + "...";
    }
}
