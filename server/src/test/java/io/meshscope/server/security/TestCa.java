package io.meshscope.server.security;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A certificate authority made in the test (no key material is committed): EC P-256 keys, a self-signed root, and
 * leaf certificates with DNS, IP and URI (SPIFFE) SANs, written as PEM files the way a Kubernetes TLS Secret holds
 * them.
 */
public final class TestCa {
    private static final AtomicLong SERIALS = new AtomicLong(System.nanoTime());
    private final KeyPair keys;
    private final X509Certificate root;

    /** One issued certificate and its key. */
    public record Issued(X509Certificate certificate, PrivateKey key) {
        /** Writes {@code tls.crt} and {@code tls.key}: PKCS#8, or with {@code traditionalKey} PKCS#1 (RSA keys). */
        public void write(Path certFile, Path keyFile, boolean traditionalKey) throws IOException {
            Files.writeString(certFile, pem(certificate));
            Files.writeString(keyFile, traditionalKey ? pem(key) : pemPkcs8(key));
        }
    }

    public TestCa(String name) throws GeneralSecurityException, IOException {
        keys = ecKeys();
        root = sign(new X500Name("CN=" + name), keys, new X500Name("CN=" + name), keys.getPrivate(), true, List.of());
    }

    public X509Certificate root() {
        return root;
    }

    public void writeRoot(Path file) throws IOException {
        Files.writeString(file, pem(root));
    }

    /** A server certificate for 127.0.0.1 and localhost, EC key. */
    public Issued server() throws GeneralSecurityException, IOException {
        return issue("meshscope", serverNames(), ecKeys());
    }

    /** The same with an RSA key, which {@link Issued#write} can write as PKCS#1 (cert-manager's default). */
    public Issued serverRsa() throws GeneralSecurityException, IOException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        return issue("meshscope", serverNames(), generator.generateKeyPair());
    }

    private static List<GeneralName> serverNames() {
        return List.of(new GeneralName(GeneralName.dNSName, "localhost"),
                new GeneralName(GeneralName.iPAddress, "127.0.0.1"));
    }

    /** A workload certificate for {@code spiffe://TD/ns/NS/sa/SA}. */
    public Issued workload(String trustDomain, String namespace, String serviceAccount)
            throws GeneralSecurityException, IOException {
        return issue(serviceAccount, List.of(new GeneralName(GeneralName.uniformResourceIdentifier,
                "spiffe://" + trustDomain + "/ns/" + namespace + "/sa/" + serviceAccount)));
    }

    /** A certificate with only a DNS SAN: no identity in it. */
    public Issued withoutSpiffe(String dns) throws GeneralSecurityException, IOException {
        return issue(dns, List.of(new GeneralName(GeneralName.dNSName, dns)));
    }

    private Issued issue(String cn, List<GeneralName> sans) throws GeneralSecurityException, IOException {
        return issue(cn, sans, ecKeys());
    }

    private Issued issue(String cn, List<GeneralName> sans, KeyPair leaf) throws GeneralSecurityException, IOException {
        X509Certificate cert = sign(new X500Name("CN=" + cn), leaf, X500Name.getInstance(
                root.getSubjectX500Principal().getEncoded()), keys.getPrivate(), false, sans);
        return new Issued(cert, leaf.getPrivate());
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, PrivateKey issuerKey,
                                        boolean ca, List<GeneralName> sans) throws GeneralSecurityException, IOException {
        Instant now = Instant.now();
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                BigInteger.valueOf(SERIALS.incrementAndGet()), Date.from(now.minus(Duration.ofMinutes(5))),
                Date.from(now.plus(Duration.ofDays(1))), subject, subjectKeys.getPublic());
        builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
        builder.addExtension(Extension.keyUsage, true, new KeyUsage(ca ? KeyUsage.keyCertSign | KeyUsage.cRLSign
                : KeyUsage.digitalSignature | KeyUsage.keyEncipherment));
        if (!sans.isEmpty()) {
            builder.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(sans.toArray(new GeneralName[0])));
        }
        try {
            ContentSigner signer = new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey);
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (org.bouncycastle.operator.OperatorCreationException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static KeyPair ecKeys() throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    private static String pemPkcs8(PrivateKey key) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(new JcaPKCS8Generator(key, null));
        }
        return out.toString();
    }

    /** Every certificate of a chain, PEM, for a client's trust bundle. */
    public static String pemAll(List<X509Certificate> certs) throws IOException {
        List<String> out = new ArrayList<>();
        for (X509Certificate c : certs) {
            out.add(pem(c));
        }
        return String.join("", out);
    }
}
