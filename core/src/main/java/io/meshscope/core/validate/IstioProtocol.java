package io.meshscope.core.validate;

import java.util.Locale;

/** Istio's port protocols ({@code pkg/config/protocol}), parsed case-insensitively; unknown text is UNSUPPORTED. */
public enum IstioProtocol {
    GRPC("GRPC"), GRPC_WEB("GRPC-Web"), HTTP("HTTP"), HTTP_PROXY("HTTP_PROXY"), HTTP2("HTTP2"), HTTPS("HTTPS"),
    TCP("TCP"), TLS("TLS"), UDP("UDP"), MONGO("Mongo"), REDIS("Redis"), MYSQL("MySQL"),
    UNSUPPORTED("UnsupportedProtocol");

    private final String istioName;

    IstioProtocol(String istioName) {
        this.istioName = istioName;
    }

    /** The protocol's name as Istio spells it ({@code GRPC-Web}, {@code MySQL}, ...). */
    public String istioName() {
        return istioName;
    }

    /** {@code protocol.Parse}: case-insensitive; null, empty and unknown text give UNSUPPORTED. */
    public static IstioProtocol parse(String s) {
        if (s == null) {
            return UNSUPPORTED;
        }
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "tcp" -> TCP;
            case "udp" -> UDP;
            case "grpc" -> GRPC;
            case "grpc-web" -> GRPC_WEB;
            case "http" -> HTTP;
            case "http_proxy" -> HTTP_PROXY;
            case "http2" -> HTTP2;
            case "https" -> HTTPS;
            case "tls" -> TLS;
            case "mongo" -> MONGO;
            case "redis" -> REDIS;
            case "mysql" -> MYSQL;
            default -> UNSUPPORTED;
        };
    }

    /** {@code IsHTTP}: HTTP, HTTP2, HTTP_PROXY, GRPC, GRPC-Web. */
    public boolean isHttp() {
        return this == HTTP || this == HTTP2 || this == HTTP_PROXY || this == GRPC || this == GRPC_WEB;
    }

    /** {@code IsTLS}: HTTPS and TLS. */
    public boolean isTls() {
        return this == HTTPS || this == TLS;
    }

    /** {@code IsTCP}: TCP, HTTPS, TLS, Mongo, Redis, MySQL. */
    public boolean isTcp() {
        return this == TCP || this == HTTPS || this == TLS || this == MONGO || this == REDIS || this == MYSQL;
    }
}
