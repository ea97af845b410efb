package io.meshscope.server.security;

import java.io.IOException;
import java.net.Socket;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.function.LongSupplier;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import javax.net.ssl.X509KeyManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The server's certificate and key, read from files and read again when they change (checked at most once a second,
 * at a handshake): a rotated Secret is used by the next connection, and connections already open keep theirs, so
 * no stream is dropped. A rotation that cannot be read (half-written files) is logged and the previous key kept.
 * Each version gets its own alias, so a handshake that chose one version gets that version's chain and key.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {
    private static final Logger log = LoggerFactory.getLogger(ReloadingKeyManager.class);
    private static final long CHECK_NANOS = 1_000_000_000L;

    private final Path certFile;
    private final Path keyFile;
    private final LongSupplier nanoTime;
    private volatile Version current;
    private volatile Version previous;
    private volatile long checkedAt;

    private record Version(String alias, X509KeyManager keys, FileStamp stamp, X509Certificate leaf) {
    }

    /** Reads both files now; a failure here is the caller's (start-up) error. */
    ReloadingKeyManager(Path certFile, Path keyFile, LongSupplier nanoTime) throws IOException {
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.nanoTime = nanoTime;
        this.current = read(1);
        this.checkedAt = nanoTime.getAsLong();
    }

    /** The certificate in use (for logs and tests). */
    X509Certificate certificate() {
        refresh();
        return current.leaf();
    }

    private Version read(int generation) throws IOException {
        FileStamp stamp = FileStamp.of(certFile, keyFile);
        List<X509Certificate> chain = PemFiles.certificates(certFile);
        PrivateKey key = PemFiles.privateKey(keyFile);
        String alias = "meshscope-" + generation;
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, key, new char[0], chain.toArray(new X509Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, new char[0]);
            return new Version(alias, (X509KeyManager) factory.getKeyManagers()[0], stamp, chain.get(0));
        } catch (GeneralSecurityException e) {
            throw new IOException(certFile + ", " + keyFile + ": the certificate and key do not make a usable pair: "
                    + e.getMessage(), e);
        }
    }

    private void refresh() {
        long now = nanoTime.getAsLong();
        if (now - checkedAt < CHECK_NANOS) {
            return;
        }
        synchronized (this) {
            if (now - checkedAt < CHECK_NANOS) {
                return;
            }
            checkedAt = now;
            Version v = current;
            try {
                if (FileStamp.of(certFile, keyFile).equals(v.stamp())) {
                    return;
                }
                Version next = read(Integer.parseInt(v.alias().substring("meshscope-".length())) + 1);
                previous = v;
                current = next;
                log.info("xDS TLS certificate reloaded from {}: {} (serial {}, valid until {})", certFile,
                        next.leaf().getSubjectX500Principal().getName(), next.leaf().getSerialNumber().toString(16),
                        next.leaf().getNotAfter().toInstant());
            } catch (IOException | RuntimeException e) {
                log.warn("xDS TLS certificate not reloaded, the previous one stays in use: {}", e.getMessage());
            }
        }
    }

    private X509KeyManager owner(String alias) {
        Version c = current;
        if (c.alias().equals(alias)) {
            return c.keys();
        }
        Version p = previous;
        return p != null && p.alias().equals(alias) ? p.keys() : null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        refresh();
        return current.keys() instanceof X509ExtendedKeyManager x ? x.chooseEngineServerAlias(keyType, issuers, engine)
                : current.keys().chooseServerAlias(keyType, issuers, null);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        refresh();
        return current.keys().chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return current.keys().getServerAliases(keyType, issuers);
    }

    @Override
    public X509Certificate[] getCertificateChain(String alias) {
        X509KeyManager keys = owner(alias);
        return keys == null ? null : keys.getCertificateChain(alias);
    }

    @Override
    public PrivateKey getPrivateKey(String alias) {
        X509KeyManager keys = owner(alias);
        return keys == null ? null : keys.getPrivateKey(alias);
    }

    @Override
    public String[] getClientAliases(String keyType, Principal[] issuers) {
        return null; // a server's key manager
    }

    @Override
    public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
        return null;
    }
}
