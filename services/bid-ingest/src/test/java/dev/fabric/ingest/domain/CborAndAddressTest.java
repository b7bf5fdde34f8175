package dev.fabric.ingest.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.fabric.plutus.Grid;
import com.bloxbean.cardano.client.address.Address;
import dev.fabric.ingest.MarketFixtures;
import dev.fabric.ingest.domain.cbor.CborException;
import dev.fabric.ingest.domain.cbor.CborReader;
import dev.fabric.ingest.domain.tx.AddressText;
import dev.fabric.ingest.domain.tx.ConwayTx;
import dev.fabric.ingest.domain.tx.ConwayTxParser;
import dev.fabric.plutus.tx.SignedTransaction;
import java.math.BigInteger;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The in-place CBOR reader and address rendering, against hand-made bytes and cardano-client-lib. */
class CborAndAddressTest {

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text);
    }

    @Test
    void shouldReadIntegersOfEveryWidthAndBignums() {
        assertThat(new CborReader(hex("17")).readUnsigned()).isEqualTo(23);
        assertThat(new CborReader(hex("1903e8")).readUnsigned()).isEqualTo(1000);
        assertThat(new CborReader(hex("1b000000e8d4a51000")).readUnsignedLong()).isEqualTo(1_000_000_000_000L);
        assertThat(new CborReader(hex("3903e7")).readInteger()).isEqualTo(BigInteger.valueOf(-1000));
        assertThat(new CborReader(hex("c249010000000000000000")).readInteger()).isEqualTo(BigInteger.TWO.pow(64));
    }

    @Test
    void shouldReadIndefiniteContainersAndChunkedBytes() {
        CborReader in = new CborReader(hex("9f0102ff5f42010243030405ff"));
        long count = in.readArrayHeader();
        int items = 0;
        for (long i = 0; in.hasNext(count, i); i++) {
            in.readUnsigned();
            items++;
        }
        assertThat(items).isEqualTo(2);
        assertThat(in.readBytes()).containsExactly(1, 2, 3, 4, 5);
        assertThat(in.atEnd()).isTrue();
    }

    @Test
    void shouldRefuseTruncatedAndOversizedInputWithTheOffset() {
        assertThatThrownBy(() -> new CborReader(hex("5820aabb")).readBytes())
                .isInstanceOf(CborException.class).hasMessageContaining("runs past the end").hasMessageContaining("byte 0");
        assertThatThrownBy(() -> new CborReader(hex("9b7fffffffffffffff")).skip())
                .isInstanceOf(CborException.class);
        assertThatThrownBy(() -> new CborReader(hex("1bffffffffffffffff")).readUnsignedLong())
                .isInstanceOf(CborException.class).hasMessageContaining("2^63");
        assertThatThrownBy(() -> ConwayTxParser.parse(hex("84a0a0f5f6"), null))
                .isInstanceOf(CborException.class).hasMessageContaining("without inputs or outputs");
    }

    @Test
    void shouldComputeTheTxIdFromTheBodyBytesWhenTheNodeSentNone() {
        SignedTransaction open = MarketFixtures.openBid(Grid.raceBid(), "txid-1");

        ConwayTx parsed = ConwayTxParser.parse(open.cbor(), null);

        assertThat(parsed.txId()).isEqualTo(open.txId());
        assertThat(parsed.workload()).get().isInstanceOf(ConwayTx.WorkloadBytes.Present.class);
    }

    @Test
    void shouldRenderAddressesAsCardanoClientLibDoes() {
        String bid = Grid.TXS.scripts().bid().addressBech32(Grid.NETWORK);
        String app = Grid.APP.address(Grid.NETWORK).toBech32();
        String mainnetBase = "addr1qx2fxv2umyhttkxyxp8x0dlpdt3k6cwng5pxj3jhsydzer3n0d3vllmyqwsx5wktcd8cc3sq835lu7drv2xwl2wywfgse35a3x";

        for (String address : new String[] {bid, app, mainnetBase}) {
            assertThat(new AddressText().render(new Address(address).getBytes())).isEqualTo(address);
        }
    }
}
