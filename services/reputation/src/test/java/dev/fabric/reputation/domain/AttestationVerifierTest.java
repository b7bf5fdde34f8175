package dev.fabric.reputation.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class AttestationVerifierTest {

    /** RFC 8032 §7.1, test 1: public key and the signature of the empty message. */
    private static final String RFC_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private static final String RFC_SIGNATURE = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065"
            + "224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    static KeyPair keyPair() throws GeneralSecurityException {
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    static byte[] sign(KeyPair keys, byte[] message) throws GeneralSecurityException {
        Signature signer = Signature.getInstance("Ed25519");
        signer.initSign(keys.getPrivate());
        signer.update(message);
        return signer.sign();
    }

    @Test
    void shouldVerifyTheRfc8032TestVector() {
        AttestationVerifier verifier = new AttestationVerifier(AuditorDirectory.parse(List.of("rfc=" + RFC_PUBLIC)));

        AttestationVerifier.Verification result = verifier.verify(RFC_PUBLIC, new byte[0], HexFormat.of().parseHex(RFC_SIGNATURE));

        assertThat(result).isInstanceOfSatisfying(AttestationVerifier.Verification.Verified.class,
                v -> assertThat(v.auditor().name()).isEqualTo("rfc"));
    }

    @Test
    void shouldVerifyAFreshKeyPairAndRejectTamperedBytes() throws GeneralSecurityException {
        KeyPair keys = keyPair();
        String auditorId = Ed25519Keys.rawHex(keys.getPublic());
        AttestationVerifier verifier = new AttestationVerifier(AuditorDirectory.parse(List.of("acme-audit=" + auditorId)));
        byte[] message = "region=eu-west verdict=PASSED".getBytes(StandardCharsets.UTF_8);
        byte[] signature = sign(keys, message);
        byte[] tampered = "region=us-east verdict=PASSED".getBytes(StandardCharsets.UTF_8);

        assertThat(verifier.verify(auditorId, message, signature)).isInstanceOf(AttestationVerifier.Verification.Verified.class);
        assertThat(verifier.verify(auditorId.toUpperCase(), message, signature)).isInstanceOf(AttestationVerifier.Verification.Verified.class);
        assertThat(verifier.verify(auditorId, tampered, signature)).isInstanceOfSatisfying(
                AttestationVerifier.Verification.Rejected.class, r -> assertThat(r.reason()).contains("invalid signature"));
    }

    @Test
    void shouldRejectUnknownAuditorsAndMalformedSignatures() throws GeneralSecurityException {
        KeyPair listed = keyPair();
        KeyPair stranger = keyPair();
        String listedId = Ed25519Keys.rawHex(listed.getPublic());
        String strangerId = Ed25519Keys.rawHex(stranger.getPublic());
        AttestationVerifier verifier = new AttestationVerifier(AuditorDirectory.parse(List.of("a=" + listedId)));
        byte[] message = {1, 2, 3};

        assertThat(verifier.verify(strangerId, message, sign(stranger, message)))
                .isInstanceOfSatisfying(AttestationVerifier.Verification.Rejected.class,
                        r -> assertThat(r.reason()).startsWith("unknown auditor " + strangerId));
        assertThat(verifier.verify(listedId, message, sign(stranger, message)))
                .isInstanceOf(AttestationVerifier.Verification.Rejected.class);
        assertThat(verifier.verify(listedId, message, new byte[12]))
                .isInstanceOfSatisfying(AttestationVerifier.Verification.Rejected.class,
                        r -> assertThat(r.reason()).contains("64 bytes, got 12"));
        byte[] allOnes = new byte[64];
        java.util.Arrays.fill(allOnes, (byte) 0xff);
        assertThat(verifier.verify(listedId, message, allOnes)).isInstanceOf(AttestationVerifier.Verification.Rejected.class);
    }

    @Test
    void shouldRoundTripRawPublicKeys() throws GeneralSecurityException {
        KeyPair keys = keyPair();
        String hex = Ed25519Keys.rawHex(keys.getPublic());

        assertThat(hex).hasSize(64);
        assertThat(Ed25519Keys.publicKey(hex).getEncoded()).isEqualTo(keys.getPublic().getEncoded());
    }

    @Test
    void shouldReportEveryProblemOfAMalformedAuditorList() {
        assertThatThrownBy(() -> AuditorDirectory.parse(List.of("no-equals-sign", "short=abcd", "nothex=" + "zz".repeat(32),
                "a=" + RFC_PUBLIC, "a=" + RFC_PUBLIC.replace('d', 'e'), "b=" + RFC_PUBLIC)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'no-equals-sign' is not name=hexkey")
                .hasMessageContaining("auditor 'short': an Ed25519 public key has 32 bytes, got 2")
                .hasMessageContaining("auditor 'nothex': not hex")
                .hasMessageContaining("auditor name 'a' appears twice")
                .hasMessageContaining("already listed as 'a'");
    }

    @Test
    void shouldLookUpAuditorsByKeyIgnoringCase() {
        AuditorDirectory directory = AuditorDirectory.parse(List.of(" rfc = " + RFC_PUBLIC.toUpperCase() + " "));

        assertThat(directory.size()).isEqualTo(1);
        assertThat(directory.byPublicKey(RFC_PUBLIC)).hasValueSatisfying(a -> assertThat(a.name()).isEqualTo("rfc"));
        assertThat(directory.byPublicKey(null)).isEmpty();
    }
}
