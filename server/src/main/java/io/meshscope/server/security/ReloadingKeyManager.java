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

/**
 * The server's certificate and key, read from files and read again when they change ({@link ReloadingFiles}): a
 * rotated Secret is used by the next connection, and connections already open keep theirs, so no stream is dropped.
 * Each version gets its own alias, so a handshake that chose one version gets that version's chain and key.
 */
final class ReloadingKeyManager extends X509ExtendedKeyManager {
    private final Path certFile;
    private final Path keyFile;
    private final ReloadingFiles<Version> versions;

    private record Version(String alias, X509KeyManager keys, X509Certificate leaf) {
    }

    /** Reads both files now; a failure here is the caller's (start-up) error. */
    ReloadingKeyManager(Path certFile, Path keyFile, LongSupplier nanoTime) throws IOException {
        this.certFile = certFile;
        this.keyFile = keyFile;
        this.versions = new ReloadingFiles<>("xDS TLS certificate", this::read, nanoTime, certFile, keyFile);
    }

    /** The certificate in use (for logs and tests). */
    X509Certificate certificate() {
        return versions.current().leaf();
    }

    private Version read(int generation) throws IOException {
        List<X509Certificate> chain = PemFiles.certificates(certFile);
        PrivateKey key = PemFiles.privateKey(keyFile);
        String alias = "meshscope-" + generation;
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setKeyEntry(alias, key, new char[0], chain.toArray(new X509Certificate[0]));
            KeyManagerFactory factory = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            factory.init(store, new char[0]);
            return new Version(alias, (X509KeyManager) factory.getKeyManagers()[0], chain.get(0));
        } catch (GeneralSecurityException e) {
            throw new IOException(certFile + ", " + keyFile + ": the certificate and key do not make a usable pair: "
                    + e.getMessage(), e);
        }
    }

    private X509KeyManager owner(String alias) {
        for (Version v : new Version[] {versions.current(), versions.previous()}) {
            if (v != null && v.alias().equals(alias)) {
                return v.keys();
            }
        }
        return null;
    }

    @Override
    public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
        X509KeyManager keys = versions.current().keys();
        return keys instanceof X509ExtendedKeyManager x ? x.chooseEngineServerAlias(keyType, issuers, engine)
                : keys.chooseServerAlias(keyType, issuers, null);
    }

    @Override
    public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
        return versions.current().keys().chooseServerAlias(keyType, issuers, socket);
    }

    @Override
    public String[] getServerAliases(String keyType, Principal[] issuers) {
        return versions.current().keys().getServerAliases(keyType, issuers);
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
