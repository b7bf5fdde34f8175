package dev.fabric.reputation.topology;

import dev.fabric.events.AttestationBytes;
import dev.fabric.events.EventIds;
import dev.fabric.events.v1.reputation.Attestation;
import dev.fabric.events.v1.reputation.AttestationClaims;
import dev.fabric.events.v1.reputation.AttestationVerdict;
import dev.fabric.reputation.domain.Ed25519Keys;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.time.Instant;

/** An auditor with a real, freshly generated Ed25519 key pair that signs attestations as the grid's auditors do. */
public record TestAuditor(String name, KeyPair keys) {

    public static TestAuditor generate(String name) {
        try {
            return new TestAuditor(name, KeyPairGenerator.getInstance("Ed25519").generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is part of every Java 17 runtime", e);
        }
    }

    public String id() {
        return Ed25519Keys.rawHex(keys.getPublic());
    }

    /** The configuration entry that lists this auditor. */
    public String configEntry() {
        return name + "=" + id();
    }

    public Attestation attest(String operatorId, AttestationVerdict verdict, Instant auditedAt, Instant issuedAt) {
        Attestation unsigned = Attestation.newBuilder()
                .setEventId(EventIds.of("Attestation", id(), operatorId, issuedAt.toEpochMilli()))
                .setOperatorId(operatorId)
                .setAuditorId(id())
                .setOccurredAt(issuedAt)
                .setClaims(AttestationClaims.newBuilder().setRegion("eu-west").setHardwareClass("gpu-a100")
                        .setAuditedAt(auditedAt).setVerdict(verdict).build())
                .setSignature(ByteBuffer.allocate(0))
                .build();
        return Attestation.newBuilder(unsigned).setSignature(ByteBuffer.wrap(sign(AttestationBytes.canonical(unsigned)))).build();
    }

    public byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance("Ed25519");
            signer.initSign(keys.getPrivate());
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
