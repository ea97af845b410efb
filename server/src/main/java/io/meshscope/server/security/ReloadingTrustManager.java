package io.meshscope.server.security;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.LongSupplier;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies client certificates against a CA bundle file (PKIX, as the JDK does), read again when it changes
 * (checked at most once a second, at a handshake), so a rotated root is trusted without a restart.
 */
final class ReloadingTrustManager extends X509ExtendedTrustManager {
    private static final Logger log = LoggerFactory.getLogger(ReloadingTrustManager.class);
    private static final long CHECK_NANOS = 1_000_000_000L;

    private final Path caFile;
    private final LongSupplier nanoTime;
    private volatile X509ExtendedTrustManager trust;
    private volatile FileStamp stamp;
    private volatile long checkedAt;

    ReloadingTrustManager(Path caFile, LongSupplier nanoTime) throws IOException {
        this.caFile = caFile;
        this.nanoTime = nanoTime;
        this.stamp = FileStamp.of(caFile);
        this.trust = read();
        this.checkedAt = nanoTime.getAsLong();
    }

    private X509ExtendedTrustManager read() throws IOException {
        List<X509Certificate> cas = PemFiles.certificates(caFile);
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca-" + i, cas.get(i));
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            return (X509ExtendedTrustManager) factory.getTrustManagers()[0];
        } catch (GeneralSecurityException e) {
            throw new IOException(caFile + ": not a usable CA bundle: " + e.getMessage(), e);
        }
    }

    private X509ExtendedTrustManager current() {
        long now = nanoTime.getAsLong();
        if (now - checkedAt >= CHECK_NANOS) {
            synchronized (this) {
                if (now - checkedAt >= CHECK_NANOS) {
                    checkedAt = now;
                    try {
                        FileStamp seen = FileStamp.of(caFile);
                        if (!seen.equals(stamp)) {
                            trust = read();
                            stamp = seen;
                            log.info("xDS client CA bundle reloaded from {}", caFile);
                        }
                    } catch (IOException | RuntimeException e) {
                        log.warn("xDS client CA bundle not reloaded, the previous one stays in use: {}", e.getMessage());
                    }
                }
            }
        }
        return trust;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        current().checkClientTrusted(chain, authType, engine);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        current().checkClientTrusted(chain, authType, socket);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        current().checkClientTrusted(chain, authType);
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        throw new CertificateException("a server's trust manager verifies clients only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        throw new CertificateException("a server's trust manager verifies clients only");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        throw new CertificateException("a server's trust manager verifies clients only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return current().getAcceptedIssuers();
    }
}
