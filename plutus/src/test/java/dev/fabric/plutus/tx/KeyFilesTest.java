package dev.fabric.plutus.tx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.bloxbean.cardano.client.crypto.SecretKey;
import dev.fabric.plutus.datum.KeyHash;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KeyFilesTest {

    private static final String SEED_HEX = "1b2ca42bc534ab59374395ab5a1d4adb11408c27c19c7e9ef1fcc23332aece13";

    @TempDir
    Path dir;

    @Test
    void shouldLoadTheKeyOfAPaymentSigningKeyEnvelope() throws Exception {
        Path file = write(KeyFiles.envelope(HexFormat.of().parseHex(SEED_HEX), "test operator"));

        SigningKey key = KeyFiles.load(file, "operator");

        assertEquals(SigningKey.of(SecretKey.create(HexFormat.of().parseHex(SEED_HEX))).keyHash(), key.keyHash());
        assertFalse(key.toString().contains(SEED_HEX));
    }

    @Test
    void shouldRefuseAKeyOtherThanTheExpectedOne() throws IOException {
        Path file = write(KeyFiles.envelope(HexFormat.of().parseHex(SEED_HEX), "test operator"));
        KeyHash expected = KeyHash.ofHex("0b".repeat(28));

        InvalidKeyFileException e = assertThrows(InvalidKeyFileException.class,
                () -> KeyFiles.load(file, "operator", expected, "fabric.deployer.operator-id"));

        assertTrue(e.getMessage().contains("fabric.deployer.operator-id is " + "0b".repeat(28)), e.getMessage());
        assertFalse(e.getMessage().contains(SEED_HEX));
    }

    @Test
    void shouldNameTheProblemOfEveryUnusableFileWithoutQuotingIt() throws IOException {
        assertProblem(dir.resolve("absent.skey"), "does not exist");
        assertProblem(dir, "is a directory");
        assertProblem(write("not json " + SEED_HEX), "is not valid JSON");
        assertProblem(write("[\"" + SEED_HEX + "\"]"), "is not a JSON object");
        assertProblem(write("{\"cborHex\": \"5820" + SEED_HEX + "\"}"), "has no \"type\"");
        assertProblem(write("{\"type\": \"PaymentVerificationKeyShelley_ed25519\", \"cborHex\": \"5820" + SEED_HEX + "\"}"),
                "is a PaymentVerificationKeyShelley_ed25519");
        assertProblem(write("{\"type\": \"PaymentSigningKeyShelley_ed25519\", \"cborHex\": \"5820" + SEED_HEX.substring(2) + "\"}"),
                "not a CBOR-wrapped 32-byte key");
    }

    private void assertProblem(Path file, String expected) {
        InvalidKeyFileException e = assertThrows(InvalidKeyFileException.class, () -> KeyFiles.load(file, "operator"));
        assertTrue(e.getMessage().startsWith("operator signing key " + file), e.getMessage());
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertFalse(e.getMessage().contains(SEED_HEX.substring(8)), "the message must not quote the key: " + e.getMessage());
    }

    private Path write(String content) throws IOException {
        Path file = Files.createTempFile(dir, "key", ".skey");
        Files.writeString(file, content);
        return file;
    }
}
