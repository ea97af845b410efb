package io.meshscope.server.admin;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A small non-blocking HTTP/1.1 server for the admin port (and {@code meshscope ui}), written so that slow or stalled clients cannot starve
 * kubelet's probes (the JDK's server reads each request on a pool thread, so two stalled connections took both).
 * One thread reads every connection without blocking, with a deadline for the request and for the response to be
 * taken; probes ({@code fast} paths) are answered on that thread at once, every other path on a small bounded pool
 * (503 when it is full). Requests are GET or HEAD with at most 8 KiB of headers; every response closes its
 * connection. Beyond {@code maxConnections} open connections a new one is closed on accept.
 *
 * <p>A handler may answer with an event stream ({@link Reply#events}): server-sent events, kept open and fed from
 * any thread through an {@link EventSink}. The IO thread writes them; a client that lets more than
 * {@value #MAX_STREAM_PENDING} bytes pile up, or takes nothing for the response timeout, is dropped, so a stalled
 * browser tab costs a bounded buffer; at most {@value #MAX_STREAMS} streams are open at once, and each gets a
 * comment every {@value #PING_MILLIS} ms so that dead peers are noticed.
 */
public final class AdminHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminHttpServer.class);
    static final int MAX_REQUEST_BYTES = 8 * 1024;
    static final int MAX_STREAMS = 32;
    static final int MAX_STREAM_PENDING = 256 * 1024;
    static final long PING_MILLIS = 15_000;
    private static final byte[] PING = ": ping\n\n".getBytes(StandardCharsets.US_ASCII);

    /** A request as the handlers see it. */
    public record Request(String method, URI uri) {
        /** The query parameters, decoded, in order; a key given twice keeps its last value. */
        public Map<String, String> query() {
            Map<String, String> out = new LinkedHashMap<>();
            String q = uri.getRawQuery();
            if (q == null) {
                return out;
            }
            for (String kv : q.split("&")) {
                int eq = kv.indexOf('=');
                String k = URLDecoder.decode(eq < 0 ? kv : kv.substring(0, eq), StandardCharsets.UTF_8);
                String v = eq < 0 ? "" : URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8);
                out.put(k, v);
            }
            return out;
        }
    }

    /**
     * A response; the server adds the status line, length, its fixed headers and {@code Connection: close}.
     *
     * @param headers more headers for this response (a {@code Location}, a {@code Content-Disposition})
     * @param events when not null, the body is this event stream, open until either side closes it
     */
    public record Reply(int status, String contentType, byte[] body, Map<String, String> headers, EventStream events) {
        public Reply {
            headers = Map.copyOf(headers);
        }

        public Reply(int status, String contentType, byte[] body) {
            this(status, contentType, body, Map.of(), null);
        }

        /** This reply with {@code more} headers. */
        public Reply with(Map<String, String> more) {
            Map<String, String> all = new LinkedHashMap<>(headers);
            all.putAll(more);
            return new Reply(status, contentType, body, all, events);
        }

        /** A {@code text/event-stream} response fed by {@code events}. */
        public static Reply events(EventStream events) {
            return new Reply(200, "text/event-stream; charset=utf-8", new byte[0], Map.of("Cache-Control", "no-store"),
                    events);
        }
    }

    /** Where an event stream's events go: thread-safe; false once the connection is gone. */
    public interface EventSink {
        boolean send(byte[] event);
    }

    /** Opens an event stream on a connection: called once, on the IO thread; returns what to run when it closes. */
    public interface EventStream {
        Runnable open(EventSink sink);
    }

    /**
     * Limits of one server: docs/SERVER.md, "Limits".
     *
     * @param handlerTimeoutMillis how long a pool handler may take (a large proxy's config dump) before its
     *     connection is dropped
     */
    public record Limits(int maxConnections, long requestTimeoutMillis, long responseTimeoutMillis, int workers,
                         int queued, long handlerTimeoutMillis) {
        /** The admin port's. */
        public static Limits defaults() {
            return new Limits(256, 5_000, 10_000, 2, 16, 60_000);
        }
    }

    private final ServerSocketChannel listener;
    private final Selector selector;
    private final Limits limits;
    private final Set<String> fast;
    private final Function<Request, Reply> handler;
    /** Sent with every response, e.g. a Content-Security-Policy. */
    private final String fixedHeaders;
    private final ThreadPoolExecutor pool;
    private final Queue<Runnable> fromWorkers = new ConcurrentLinkedQueue<>();
    private final Thread io;
    private volatile boolean closed;
    private int streams;
    private long nextPing;

    /** One connection's state, owned by the IO thread. */
    private static final class Connection {
        final SocketChannel channel;
        final ByteBuffer in = ByteBuffer.allocate(MAX_REQUEST_BYTES);
        ByteBuffer out;
        long deadline;
        /** Set once an event stream's headers are sent: the connection then stays open. */
        boolean streaming;
        Runnable onClose;
        volatile boolean gone;

        Connection(SocketChannel channel, long deadline) {
            this.channel = channel;
            this.deadline = deadline;
        }
    }

    /**
     * Binds {@code address}; {@code fast} paths are answered on the IO thread, {@code headers} go with every
     * response ({@code X-Content-Type-Options: nosniff} always does).
     */
    public AdminHttpServer(InetSocketAddress address, Limits limits, Set<String> fast, Map<String, String> headers,
                           Function<Request, Reply> handler) throws IOException {
        this.limits = limits;
        this.fast = Set.copyOf(fast);
        this.handler = handler;
        StringBuilder fixed = new StringBuilder("X-Content-Type-Options: nosniff\r\n");
        headers.forEach((k, v) -> fixed.append(k).append(": ").append(v).append("\r\n"));
        this.fixedHeaders = fixed.toString();
        this.selector = Selector.open();
        this.listener = ServerSocketChannel.open();
        try {
            listener.bind(address, 128);
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
        } catch (IOException e) {
            listener.close(); // a port in use: nothing stays open
            selector.close();
            throw e;
        }
        this.pool = new ThreadPoolExecutor(limits.workers(), limits.workers(), 0, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(limits.queued()), r -> {
                    Thread t = new Thread(r, "meshscope-admin");
                    t.setDaemon(true);
                    return t;
                });
        this.io = new Thread(this::loop, "meshscope-admin-io");
        io.setDaemon(true);
    }

    public void start() {
        io.start();
    }

    public int port() {
        return ((InetSocketAddress) listener.socket().getLocalSocketAddress()).getPort();
    }

    private void loop() {
        while (!closed) {
            try {
                selector.select(250);
                Runnable r;
                while ((r = fromWorkers.poll()) != null) {
                    r.run();
                }
                Iterator<SelectionKey> keys = selector.selectedKeys().iterator();
                while (keys.hasNext()) {
                    SelectionKey key = keys.next();
                    keys.remove();
                    handle(key);
                }
                expire();
                ping();
            } catch (IOException | RuntimeException e) {
                if (!closed) {
                    log.warn("admin server: {}", e.toString());
                }
            }
        }
    }

    private void handle(SelectionKey key) {
        try {
            if (!key.isValid()) {
                return;
            }
            if (key.isAcceptable()) {
                accept();
            } else if (key.isReadable()) {
                read(key);
            } else if (key.isWritable()) {
                write(key);
            }
        } catch (IOException e) {
            drop(key);
        }
    }

    private void accept() throws IOException {
        SocketChannel channel;
        while ((channel = listener.accept()) != null) {
            if (selector.keys().size() - 1 >= limits.maxConnections()) {
                channel.close(); // full: the newest waits its turn, the probes' connections already in keep theirs
                continue;
            }
            channel.configureBlocking(false);
            channel.register(selector, SelectionKey.OP_READ,
                    new Connection(channel, now() + limits.requestTimeoutMillis()));
        }
    }

    private void read(SelectionKey key) throws IOException {
        Connection c = (Connection) key.attachment();
        if (c.streaming) {
            c.in.clear(); // nothing is expected from an event stream's client but its closing
        }
        int n = c.channel.read(c.in);
        if (c.streaming) {
            if (n < 0) {
                drop(key);
            }
            return;
        }
        if (n < 0) {
            drop(key);
            return;
        }
        int end = HttpWire.headerEnd(c.in);
        if (end < 0) {
            if (!c.in.hasRemaining()) {
                respond(key, text(431, "request headers larger than " + MAX_REQUEST_BYTES + " bytes\n"));
            }
            return;
        }
        key.interestOps(0);
        String head = new String(c.in.array(), 0, end, StandardCharsets.ISO_8859_1);
        String[] line = head.substring(0, Math.max(0, head.indexOf("\r\n"))).split(" ");
        if (line.length != 3 || !line[2].startsWith("HTTP/1.")) {
            respond(key, text(400, "not an HTTP/1.x request\n"));
            return;
        }
        if (!line[0].equals("GET") && !line[0].equals("HEAD")) {
            respond(key, text(405, "the admin endpoints are read-only: GET or HEAD\n"));
            return;
        }
        URI uri;
        try {
            uri = new URI(line[1]);
        } catch (URISyntaxException e) {
            respond(key, text(400, "bad request target\n"));
            return;
        }
        Request request = new Request(line[0], uri);
        if (fast.contains(uri.getPath())) {
            respond(key, call(request));
            return;
        }
        c.deadline = now() + limits.handlerTimeoutMillis();
        try {
            pool.execute(() -> {
                Reply reply = call(request);
                fromWorkers.add(() -> respond(key, reply));
                selector.wakeup();
            });
        } catch (RejectedExecutionException busy) {
            respond(key, text(503, "busy: too many admin requests in progress; try again\n"));
        }
    }

    private Reply call(Request request) {
        try {
            return handler.apply(request);
        } catch (RuntimeException e) {
            log.error("admin endpoint {} failed", request.uri(), e);
            return text(500, "internal error: " + e + "\n");
        }
    }

    private void respond(SelectionKey key, Reply reply) {
        if (!key.isValid()) {
            return;
        }
        Connection c = (Connection) key.attachment();
        boolean head = c.in.position() >= 4 && c.in.get(0) == 'H';
        if (reply.events() != null && !head && streams >= MAX_STREAMS) {
            reply = text(503, "too many event streams open (" + MAX_STREAMS + "); close a tab and try again\n");
        }
        boolean stream = reply.events() != null && !head;
        byte[] top = HttpWire.head(reply, stream, fixedHeaders);
        ByteBuffer out = ByteBuffer.allocate(top.length + (head ? 0 : reply.body().length));
        out.put(top);
        if (!head) {
            out.put(reply.body());
        }
        out.flip();
        c.out = out;
        c.deadline = now() + limits.responseTimeoutMillis();
        key.interestOps(SelectionKey.OP_WRITE);
        if (stream) {
            c.streaming = true;
            streams++;
            c.onClose = reply.events().open(event -> {
                if (c.gone) {
                    return false;
                }
                fromWorkers.add(() -> append(key, event));
                selector.wakeup();
                return true;
            });
        }
        try {
            write(key);
        } catch (IOException e) {
            drop(key);
        }
    }

    private void write(SelectionKey key) throws IOException {
        Connection c = (Connection) key.attachment();
        c.channel.write(c.out);
        if (c.out.hasRemaining()) {
            return;
        }
        if (c.streaming) {
            key.interestOps(SelectionKey.OP_READ); // all sent: wait for the next event, or the client closing
            c.deadline = Long.MAX_VALUE;
        } else {
            drop(key);
        }
    }

    /** Queues an event on a stream (IO thread); a client that has not taken the earlier ones in time is dropped. */
    private void append(SelectionKey key, byte[] event) {
        if (!key.isValid()) {
            return;
        }
        Connection c = (Connection) key.attachment();
        int pending = c.out == null ? 0 : c.out.remaining();
        if (pending + event.length > MAX_STREAM_PENDING) {
            drop(key);
            return;
        }
        ByteBuffer out = ByteBuffer.allocate(pending + event.length);
        if (pending > 0) {
            out.put(c.out);
        } else {
            c.deadline = now() + limits.responseTimeoutMillis();
        }
        out.put(event).flip();
        c.out = out;
        key.interestOps(SelectionKey.OP_WRITE);
        try {
            write(key);
        } catch (IOException e) {
            drop(key);
        }
    }

    /** A comment on every open stream now and then: a peer that went away without closing is found on write. */
    private void ping() {
        long now = now();
        if (now < nextPing) {
            return;
        }
        nextPing = now + PING_MILLIS;
        for (SelectionKey key : List.copyOf(selector.keys())) {
            if (key.attachment() instanceof Connection c && c.streaming) {
                append(key, PING);
            }
        }
    }

    /** Drops connections past their deadline: a request not sent in time, or a response not taken. */
    private void expire() {
        long now = now();
        List<SelectionKey> late = new ArrayList<>();
        for (SelectionKey key : selector.keys()) {
            if (key.attachment() instanceof Connection c && now > c.deadline) {
                late.add(key);
            }
        }
        late.forEach(this::drop);
    }

    private void drop(SelectionKey key) {
        if (key.attachment() instanceof Connection c && !c.gone) {
            c.gone = true;
            if (c.streaming) {
                streams--;
                if (c.onClose != null) {
                    c.onClose.run();
                }
            }
        }
        key.cancel();
        try {
            key.channel().close();
        } catch (IOException ignored) {
            // closing a connection that already failed
        }
    }

    /** A UTF-8 plain-text reply. */
    public static Reply text(int status, String body) {
        return new Reply(status, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
    }

    private static long now() {
        return System.nanoTime() / 1_000_000;
    }

    @Override
    public void close() {
        closed = true;
        selector.wakeup();
        try {
            io.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SelectionKey key : selector.keys()) {
            drop(key);
        }
        try {
            selector.close();
            listener.close();
        } catch (IOException e) {
            log.debug("closing the admin port", e);
        }
        pool.shutdownNow();
    }
}
