package dev.fabric.settlement.adapter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fabric.plutus.tx.SigningKey;
import dev.fabric.settlement.fixture.TestKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ArbiterKeyFileTest {

    private static final byte[] SEED = TestKeys.seedBytes("settlement-test-arbiter");
    private static final String SEED_HEX = HexFormat.of().formatHex(SEED);

    @TempDir
    Path dir;

    private Path write(String content) throws IOException {
        Path file = dir.resolve("arbiter.skey");
        Files.writeString(file, content);
        return file;
    }

    @Test
    void shouldLoadACardanoCliSigningKeyEnvelope() throws IOException {
        Path file = write(ArbiterKeyFile.envelope(SEED, "Payment Signing Key"));

        SigningKey key = ArbiterKeyFile.load(file, Optional.empty());

        assertThat(key.keyHash()).isEqualTo(TestKeys.ARBITER.keyHash());
        assertThat(key.toString()).doesNotContain(SEED_HEX);
    }

    @Test
    void shouldLoadTheCommittedTestAndDevKeys() {
        assertThat(ArbiterKeyFile.load(Path.of("src/test/resources/arbiter.skey"), Optional.empty()).keyHash())
                .isEqualTo(TestKeys.ARBITER.keyHash());
        assertThat(ArbiterKeyFile.load(Path.of("dev/arbiter.skey"), Optional.empty()).keyHash())
                .isEqualTo(TestKeys.named("settlement-arbiter").keyHash());
    }

    @Test
    void shouldAcceptTheExpectedKeyHash() throws IOException {
        Path file = write(ArbiterKeyFile.envelope(SEED, ""));

        assertThat(ArbiterKeyFile.load(file, Optional.of(TestKeys.ARBITER.keyHash().hex().toUpperCase())).keyHash())
                .isEqualTo(TestKeys.ARBITER.keyHash());
    }

    @Test
    void shouldRefuseAKeyOtherThanTheExpectedOne() throws IOException {
        Path file = write(ArbiterKeyFile.envelope(SEED, ""));
        String expected = TestKeys.OPERATOR.keyHash().hex();

        assertThatThrownBy(() -> ArbiterKeyFile.load(file, Optional.of(expected)))
                .isInstanceOf(InvalidArbiterKeyException.class)
                .hasMessageContaining(expected).hasMessageContaining(TestKeys.ARBITER.keyHash().hex())
                .hasMessageNotContaining(SEED_HEX);
    }

    @Test
    void shouldSayWhenTheFileIsMissing() {
        assertThatThrownBy(() -> ArbiterKeyFile.load(dir.resolve("absent.skey"), Optional.empty()))
                .isInstanceOf(InvalidArbiterKeyException.class)
                .hasMessageContaining("absent.skey").hasMessageContaining("does not exist");
    }

    @Test
    void shouldSayWhenTheSecretDirectoryIsGivenInsteadOfTheFile() {
        assertThatThrownBy(() -> ArbiterKeyFile.load(dir, Optional.empty()))
                .isInstanceOf(InvalidArbiterKeyException.class).hasMessageContaining("is a directory");
    }

    @Test
    void shouldRefuseRawHexWithoutQuotingIt() throws IOException {
        Path file = write(SEED_HEX);

        assertThatThrownBy(() -> ArbiterKeyFile.load(file, Optional.empty()))
                .isInstanceOf(InvalidArbiterKeyException.class)
                .hasMessageContaining("not valid JSON").hasMessageNotContaining(SEED_HEX);
    }

    @Test
    void shouldRefuseAVerificationKey() throws IOException {
        Path file = write("{\"type\": \"PaymentVerificationKeyShelley_ed25519\", \"description\": \"\", \"cborHex\": \"5820" + SEED_HEX + "\"}");

        assertThatThrownBy(() -> ArbiterKeyFile.load(file, Optional.empty()))
                .isInstanceOf(InvalidArbiterKeyException.class)
                .hasMessageContaining("PaymentVerificationKeyShelley_ed25519").hasMessageNotContaining(SEED_HEX);
    }

    @Test
    void shouldRefuseAnExtendedKey() throws IOException {
        Path file = write("{\"type\": \"PaymentExtendedSigningKeyShelley_ed25519_bip32\", \"cborHex\": \"5880" + SEED_HEX.repeat(4) + "\"}");

        assertThatThrownBy(() -> ArbiterKeyFile.load(file, Optional.empty()))
                .isInstanceOf(InvalidArbiterKeyException.class).hasMessageContaining("extended key");
    }

    @Test
    void shouldRefuseATruncatedKeyWithoutQuotingIt() throws IOException {
        String truncated = SEED_HEX.substring(0, 60);
        Path file = write("{\"type\": \"PaymentSigningKeyShelley_ed25519\", \"cborHex\": \"5820" + truncated + "\"}");

        assertThatThrownBy(() -> ArbiterKeyFile.load(file, Optional.empty()))
                .isInstanceOf(InvalidArbiterKeyException.class)
                .hasMessageContaining("not a CBOR-wrapped 32-byte key").hasMessageNotContaining(truncated);
    }

    @Test
    void shouldRefuseAnEnvelopeWithoutType() throws IOException {
        Path file = write("{\"cborHex\": \"5820" + SEED_HEX + "\"}");

        assertThatThrownBy(() -> ArbiterKeyFile.load(file, Optional.empty()))
                .isInstanceOf(InvalidArbiterKeyException.class).hasMessageContaining("has no \"type\"");
    }
}
