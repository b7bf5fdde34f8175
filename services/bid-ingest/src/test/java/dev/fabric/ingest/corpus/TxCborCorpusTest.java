package dev.fabric.ingest.corpus;

import static dev.fabric.ingest.MarketFixtures.NETWORK_ID;
import static dev.fabric.ingest.corpus.PoisonTransactions.HEX;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.bloxbean.cardano.client.transaction.spec.Transaction;
import dev.fabric.events.v1.dlq.DeadLetter;
import dev.fabric.ingest.domain.cbor.CborException;
import dev.fabric.ingest.domain.market.ConfirmedTxDecoder;
import dev.fabric.ingest.domain.market.ConfirmedTxDecoder.Decoded;
import dev.fabric.ingest.domain.market.FabricAddresses;
import dev.fabric.ingest.domain.market.OpenMarketOutputs;
import dev.fabric.ingest.domain.market.SnapshotPosition;
import dev.fabric.ingest.domain.tx.ConwayTxParser;
import dev.fabric.plutus.datum.PlutusDataCbor;
import dev.fabric.plutus.tx.SignedTransaction;
import dev.fabric.testkit.CorpusTally;
import java.time.Instant;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Bad-input corpus for transaction CBOR (seeded): real transactions truncated, bit-flipped, spliced,
 * replaced by noise or given a length header past their end. The ingest parser must refuse each with
 * a {@link CborException} (or read it, when a flip left valid CBOR), the decoder must turn every
 * unreadable one into exactly one dead letter without reaching its catch-all, and the pre-check the
 * other CBOR readers now run must stop what would exhaust the library's heap.
 */
class TxCborCorpusTest {

    private static final CorpusTally TALLY = new CorpusTally("tx-cbor");
    private static final SnapshotPosition AT = new SnapshotPosition("node-a", "ab".repeat(16), 7, 3, 0,
            Instant.parse("2026-01-01T00:01:00Z"), "cause-7");

    private static final FabricAddresses ADDRESSES = FabricAddresses.ofBlueprint(NETWORK_ID);

    private final SplittableRandom random = new SplittableRandom(0x7C0B0L);

    @AfterAll
    static void report() {
        TALLY.report();
    }

    @Test
    void shouldRefuseDamagedTransactionsWithACborErrorAndOneDeadLetter() {
        List<SignedTransaction> sources = List.of(PoisonTransactions.GOOD.get(0), PoisonTransactions.GOOD.get(1),
                PoisonTransactions.GARBAGE_DATUM);
        for (int i = 0; i < 600; i++) {
            SignedTransaction source = sources.get(random.nextInt(sources.size()));
            byte[] cbor = i % 50 == 0 ? PoisonTransactions.hugeDeclaredDatum() : PoisonTransactions.damaged(source.cbor(), random);
            TALLY.tried();

            boolean parsed;
            try {
                ConwayTxParser.parse(cbor, source.txId());
                parsed = true;
            } catch (CborException e) {
                assertThat(e.getMessage()).contains("at byte");
                parsed = false;
            } catch (RuntimeException e) {
                fail("the parser let " + e + " escape for " + HEX.formatHex(cbor), e);
                return;
            }

            ConfirmedTxDecoder decoder = new ConfirmedTxDecoder(ADDRESSES, new OpenMarketOutputs());
            Decoded decoded = decoder.decode(AT, 0, HEX.formatHex(cbor), source.txId());
            for (DeadLetter letter : decoded.deadLetters()) {
                assertThat(letter.getReason()).as("no input may need the decoder's catch-all")
                        .doesNotContain("unexpected failure decoding");
                assertThat(letter.getReason()).contains(source.txId());
            }
            if (parsed) {
                assertThat(decoded.transaction()).isPresent();
                TALLY.accepted();
            } else {
                assertThat(decoded.transaction()).isEmpty();
                assertThat(decoded.deadLetters()).singleElement().satisfies(letter ->
                        assertThat(letter.getReason()).startsWith("transaction CBOR is not a Conway transaction"));
                TALLY.rejected();
                TALLY.deadLettered();
            }

            // What settlement and the script evaluator do with the same bytes: pre-check, then the library.
            try {
                PlutusDataCbor.requireLengthsWithinBounds(cbor, "transaction");
                Transaction.deserialize(cbor);
            } catch (com.bloxbean.cardano.client.exception.CborDeserializationException | RuntimeException refused) {
                // DatumDecodingException from the pre-check, or the library's own refusal: either is fine.
                TALLY.add("library-refused", 1);
            }
        }
        assertThat(TALLY.count("rejected")).isGreaterThan(TALLY.count("tried") / 2);
    }
}
