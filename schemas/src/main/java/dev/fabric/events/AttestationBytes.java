package dev.fabric.events;

import dev.fabric.events.v1.reputation.Attestation;
import dev.fabric.events.v1.reputation.AttestationClaims;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The canonical bytes an auditor signs (Ed25519) for an {@link Attestation}: the one definition
 * shared by auditors (the devnet simulator) and the reputation service that verifies them.
 *
 * <p>Every field except {@code signature}, in schema order, after a domain tag:
 * <pre>
 *   str("fabric.attestation.v1")
 *   str(eventId)  opt(causationId)  str(operatorId)  str(auditorId)  ts(occurredAt)
 *   opt(claims.region)  opt(claims.hardwareClass)  ts(claims.auditedAt)  str(claims.verdict symbol)
 *
 *   str(s) = 4-byte big-endian length of the UTF-8 bytes, then the bytes
 *   opt(s) = 0x00 when null, else 0x01 followed by str(s)
 *   ts(t)  = 8-byte big-endian epoch milliseconds
 * </pre>
 * Length prefixes make the encoding unambiguous (no two field lists give the same bytes); the tag
 * keeps a signature made for something else from verifying as an attestation. Avro's own binary
 * encoding is deliberately not used: it depends on the writer schema, which may evolve.
 */
public final class AttestationBytes {

    /** Domain separation tag, versioned with the layout above. */
    public static final String DOMAIN_TAG = "fabric.attestation.v1";

    private AttestationBytes() {
    }

    public static byte[] canonical(Attestation attestation) {
        AttestationClaims claims = attestation.getClaims();
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        string(out, DOMAIN_TAG);
        string(out, attestation.getEventId());
        optional(out, attestation.getCausationId());
        string(out, attestation.getOperatorId());
        string(out, attestation.getAuditorId());
        timestamp(out, attestation.getOccurredAt());
        optional(out, claims.getRegion());
        optional(out, claims.getHardwareClass());
        timestamp(out, claims.getAuditedAt());
        string(out, claims.getVerdict().name());
        return out.toByteArray();
    }

    private static void string(ByteArrayOutputStream out, String value) {
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        int n = bytes.length;
        out.write(n >>> 24);
        out.write(n >>> 16);
        out.write(n >>> 8);
        out.write(n);
        out.writeBytes(bytes);
    }

    private static void optional(ByteArrayOutputStream out, String value) {
        if (value == null) {
            out.write(0);
        } else {
            out.write(1);
            string(out, value);
        }
    }

    private static void timestamp(ByteArrayOutputStream out, Instant at) {
        long v = at.toEpochMilli();
        for (int shift = 56; shift >= 0; shift -= 8) {
            out.write((int) (v >>> shift));
        }
    }
}
