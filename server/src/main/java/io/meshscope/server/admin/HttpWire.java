package io.meshscope.server.admin;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/** HTTP/1.1 as {@link AdminHttpServer} writes and reads it: where a request's headers end, a response's head. */
final class HttpWire {
    private HttpWire() {
    }

    /** The index just past a request's blank line in {@code in}'s bytes so far, or -1 while it has not come. */
    static int headerEnd(ByteBuffer in) {
        byte[] b = in.array();
        for (int i = 3; i < in.position(); i++) {
            if (b[i] == '\n' && b[i - 1] == '\r' && b[i - 2] == '\n' && b[i - 3] == '\r') {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * The status line and headers of {@code reply}: its length unless it is an event stream (read until the
     * connection closes), its own headers, the server's {@code fixedHeaders}, and {@code Connection: close}.
     */
    static byte[] head(AdminHttpServer.Reply reply, boolean stream, String fixedHeaders) {
        StringBuilder h = new StringBuilder("HTTP/1.1 ").append(reply.status()).append(' ')
                .append(reason(reply.status())).append("\r\nContent-Type: ").append(reply.contentType()).append("\r\n");
        if (!stream) {
            h.append("Content-Length: ").append(reply.body().length).append("\r\n");
        }
        reply.headers().forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
        return h.append(fixedHeaders).append("Connection: close\r\n\r\n").toString()
                .getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 302 -> "Found";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 422 -> "Unprocessable Content";
            case 431 -> "Request Header Fields Too Large";
            case 500 -> "Internal Server Error";
            case 503 -> "Service Unavailable";
            default -> "Status";
        };
    }
}
