package dev.fabric.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.fabric.events.v1.reputation.Attestation;
import dev.fabric.events.v1.reputation.AttestationClaims;
import dev.fabric.events.v1.reputation.AttestationVerdict;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class AttestationBytesTest {

    private static Attestation attestation(String region, String hardwareClass) {
        return Attestation.newBuilder().setEventId("e1").setCausationId(null).setOperatorId("op").setAuditorId("aa")
                .setOccurredAt(Instant.ofEpochMilli(258)).setClaims(AttestationClaims.newBuilder().setRegion(region)
                        .setHardwareClass(hardwareClass).setAuditedAt(Instant.ofEpochMilli(1)).setVerdict(AttestationVerdict.PASSED).build())
                .setSignature(ByteBuffer.wrap(new byte[64])).build();
    }

    @Test
    void shouldEncodeTheDocumentedLayout() {
        byte[] bytes = AttestationBytes.canonical(attestation("eu", null));

        String expected = "00000015" + HexFormat.of().formatHex("fabric.attestation.v1".getBytes())
                + "00000002" + "6531"            // eventId "e1"
                + "00"                            // causationId absent
                + "00000002" + "6f70"            // operatorId "op"
                + "00000002" + "6161"            // auditorId "aa"
                + "0000000000000102"              // occurredAt 258 ms
                + "01" + "00000002" + "6575"     // region "eu"
                + "00"                            // hardwareClass absent
                + "0000000000000001"              // auditedAt 1 ms
                + "00000006" + HexFormat.of().formatHex("PASSED".getBytes());
        assertThat(HexFormat.of().formatHex(bytes)).isEqualTo(expected);
    }

    @Test
    void shouldTellAbsentFromEmptyAndNotDependOnTheSignature() {
        Attestation a = attestation(null, "gpu");
        Attestation b = attestation("", "gpu");
        Attestation c = Attestation.newBuilder(attestation(null, "gpu")).setSignature(ByteBuffer.wrap(new byte[] {1, 2, 3})).build();

        assertThat(AttestationBytes.canonical(a)).isNotEqualTo(AttestationBytes.canonical(b));
        assertThat(AttestationBytes.canonical(a)).isEqualTo(AttestationBytes.canonical(c));
    }
}
