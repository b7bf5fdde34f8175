package dev.fabric.grid.sim;

import dev.fabric.events.AttestationBytes;
import dev.fabric.events.EventIds;
import dev.fabric.events.v1.reputation.Attestation;
import dev.fabric.events.v1.reputation.AttestationClaims;
import dev.fabric.events.v1.reputation.AttestationVerdict;
import dev.fabric.topics.Topics;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * A simulated auditor: visits operators now and then and signs an attestation of what it found
 * (region, hardware class, passed or failed: reliable operators pass more often). Signs the
 * canonical bytes of {@link AttestationBytes} with its Ed25519 key, as real auditors must.
 */
public final class AuditorActor {

    /** What an auditor knows about an operator it may visit. */
    public record Subject(String operatorId, String region, String hardwareClass, double reliability) {
    }

    private static final HexFormat HEX = HexFormat.of();

    private final String name;
    private final byte[] secret;
    private final String auditorId;
    private final List<Subject> subjects;
    private final Random random;
    private final Clock clock;

    /**
     * @param secret the auditor's 32-byte Ed25519 seed; its public key (hex) is the auditorId the
     *               reputation service must list
     */
    public AuditorActor(String name, byte[] secret, List<Subject> subjects, Random random, Clock clock) {
        if (secret.length != Ed25519.SECRET_KEY_SIZE) {
            throw new IllegalArgumentException("an Ed25519 seed has 32 bytes");
        }
        this.name = name;
        this.secret = secret.clone();
        byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(this.secret, 0, publicKey, 0);
        this.auditorId = HEX.formatHex(publicKey);
        this.subjects = List.copyOf(subjects);
        this.random = random;
        this.clock = clock;
    }

    public String auditorId() {
        return auditorId;
    }

    /** Audits one operator chosen at random and returns the signed attestation. */
    public Attestation audit() {
        Subject subject = subjects.get(random.nextInt(subjects.size()));
        Instant now = clock.instant();
        AttestationVerdict verdict = random.nextDouble() < subject.reliability() ? AttestationVerdict.PASSED : AttestationVerdict.FAILED;
        Attestation unsigned = Attestation.newBuilder()
                .setEventId(EventIds.of("Attestation", auditorId, subject.operatorId(), now.toEpochMilli()))
                .setOperatorId(subject.operatorId())
                .setAuditorId(auditorId)
                .setOccurredAt(now)
                .setClaims(AttestationClaims.newBuilder().setRegion(subject.region()).setHardwareClass(subject.hardwareClass())
                        .setAuditedAt(now.minus(Duration.ofMinutes(1 + random.nextInt(30)))).setVerdict(verdict).build())
                .setSignature(ByteBuffer.allocate(0))
                .build();
        byte[] message = AttestationBytes.canonical(unsigned);
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(secret, 0, message, 0, message.length, signature, 0);
        return Attestation.newBuilder(unsigned).setSignature(ByteBuffer.wrap(signature)).build();
    }

    /** Audits one operator and publishes the attestation. */
    public void auditAndPublish(Producer<String, Attestation> producer) {
        Attestation attestation = audit();
        producer.send(new ProducerRecord<>(Topics.ATTESTATIONS.name(), attestation.getOperatorId(), attestation));
    }

    @Override
    public String toString() {
        return "AuditorActor[" + name + " " + auditorId + "]";
    }
}
