package dev.fabric.grid.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.events.AttestationBytes;
import dev.fabric.events.v1.reputation.Attestation;
import dev.fabric.events.v1.reputation.AttestationVerdict;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

class AuditorActorTest {

    /** RFC 8032 test vector 1: the reputation service's dev/test auditor. */
    private static final byte[] RFC8032_SECRET = HexFormat.of().parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
    private static final String RFC8032_PUBLIC = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
    private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-28T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void shouldSignTheCanonicalBytesWithTheDevAuditorKey() {
        AuditorActor auditor = new AuditorActor("dev", RFC8032_SECRET,
                List.of(new AuditorActor.Subject("0b".repeat(28), "eu-west", "cpu-standard", 0.9)), new Random(1), CLOCK);

        Attestation attestation = auditor.audit();

        assertThat(auditor.auditorId()).isEqualTo(RFC8032_PUBLIC);
        byte[] message = AttestationBytes.canonical(attestation);
        byte[] signature = attestation.getSignature().array();
        assertThat(Ed25519.verify(signature, 0, HexFormat.of().parseHex(RFC8032_PUBLIC), 0, message, 0, message.length)).isTrue();
        assertThat(attestation.getClaims().getAuditedAt()).isBefore(attestation.getOccurredAt());
    }

    @Test
    void shouldPassReliableOperatorsMoreOftenThanUnreliableOnes() {
        AuditorActor reliable = new AuditorActor("a", RFC8032_SECRET, List.of(new AuditorActor.Subject("01".repeat(28), "eu", "cpu", 0.95)),
                new Random(7), CLOCK);
        AuditorActor flaky = new AuditorActor("b", RFC8032_SECRET, List.of(new AuditorActor.Subject("02".repeat(28), "eu", "cpu", 0.3)),
                new Random(7), CLOCK);

        long reliablePasses = java.util.stream.IntStream.range(0, 200).filter(i -> reliable.audit().getClaims().getVerdict() == AttestationVerdict.PASSED).count();
        long flakyPasses = java.util.stream.IntStream.range(0, 200).filter(i -> flaky.audit().getClaims().getVerdict() == AttestationVerdict.PASSED).count();

        assertThat(reliablePasses).isGreaterThan(170);
        assertThat(flakyPasses).isLessThan(90);
    }
}
