package io.meshscope.server.security;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/**
 * Reads PEM certificates and private keys as Kubernetes TLS Secrets hold them: a chain in {@code tls.crt}, a key
 * in {@code tls.key} as PKCS#8, PKCS#1 (cert-manager's default for RSA) or SEC1 (EC). Errors name the file.
 */
final class PemFiles {
    private PemFiles() {
    }

    static List<X509Certificate> certificates(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            List<X509Certificate> out = new ArrayList<>();
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                out.add((X509Certificate) c);
            }
            if (out.isEmpty()) {
                throw new IOException(file + ": no PEM certificate in the file");
            }
            return out;
        } catch (CertificateException e) {
            throw new IOException(file + ": not a PEM certificate file: " + e.getMessage(), e);
        }
    }

    static PrivateKey privateKey(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
             PEMParser parser = new PEMParser(reader)) {
            Object pem = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (pem instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo()); // the public part is optional in SEC1
            }
            if (pem instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IOException(file + ": no unencrypted PEM private key (PKCS#8, PKCS#1 or SEC1) in the file"
                    + (pem == null ? "" : "; found " + pem.getClass().getSimpleName()));
        } catch (PEMException e) {
            throw new IOException(file + ": the private key cannot be read: " + e.getMessage(), e);
        }
    }
}
