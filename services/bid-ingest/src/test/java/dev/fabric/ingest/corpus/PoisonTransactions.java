package dev.fabric.ingest.corpus;

import static dev.fabric.ingest.MarketFixtures.bidWithGarbageDatum;
import static dev.fabric.ingest.MarketFixtures.openBid;
import static dev.fabric.plutus.Grid.raceBid;

import dev.fabric.plutus.tx.SignedTransaction;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Real head transactions built by the plutus builders (scripts evaluated), and seeded ways to spoil
 * them, shared by the ingest corpus tests.
 */
final class PoisonTransactions {

    static final HexFormat HEX = HexFormat.of();

    /** Bid openings with distinct bid refs; built once, they are the slow part. */
    static final List<SignedTransaction> GOOD = List.of(
            openBid(raceBid(), "corpus-1"), openBid(raceBid(), "corpus-2"), openBid(raceBid(), "corpus-3"),
            openBid(raceBid(), "corpus-4"));
    static final SignedTransaction GARBAGE_DATUM = bidWithGarbageDatum("corpus-garbage");

    /** A head transaction as the node lists it: CBOR hex and the id it claims. */
    record HeadTx(String cborHex, String txId, String kind) {
    }

    private PoisonTransactions() {
    }

    /**
     * The garbage-datum transaction with its inline datum's 10 bytes replaced by five that declare an
     * array of 2^31-1 items: well-formed for the transaction parser, fatal for a CBOR library that
     * sizes the array up front.
     */
    static byte[] hugeDeclaredDatum() {
        byte[] cbor = GARBAGE_DATUM.cbor();
        byte[] datum = HEX.parseHex("49" + HEX.formatHex("not a bid".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        int at = indexOf(cbor, datum);
        if (at < 0) {
            throw new IllegalStateException("the garbage datum is not where the fixture puts it");
        }
        byte[] spoiled = cbor.clone();
        byte[] bomb = {(byte) 0x9a, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0, 0, 0, 0, 0};
        System.arraycopy(bomb, 0, spoiled, at, bomb.length);
        return spoiled;
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** Bytes that can never be a whole transaction: truncated, noise, or a length header past the end. */
    static byte[] unparseable(byte[] cbor, SplittableRandom random) {
        switch (random.nextInt(3)) {
            case 0 -> {
                return Arrays.copyOf(cbor, random.nextInt(cbor.length));
            }
            case 1 -> {
                byte[] noise = new byte[1 + random.nextInt(200)];
                random.nextBytes(noise);
                noise[0] = (byte) (0x80 | random.nextInt(0x18)); // an array head, so the parser goes further in
                return noise;
            }
            default -> {
                byte[] spoiled = cbor.clone();
                spoiled[0] = (byte) 0x9b; // an array of 2^64-ish items
                return Arrays.copyOf(spoiled, Math.min(spoiled.length, 9 + random.nextInt(64)));
            }
        }
    }

    /** Any spoiling, including bit flips that may leave a readable transaction. */
    static byte[] damaged(byte[] cbor, SplittableRandom random) {
        if (random.nextInt(3) == 0) {
            byte[] flipped = cbor.clone();
            for (int n = 1 + random.nextInt(4); n > 0; n--) {
                flipped[random.nextInt(flipped.length)] ^= (byte) (1 << random.nextInt(8));
            }
            return flipped;
        }
        if (random.nextInt(4) == 0) {
            byte[] spliced = new byte[cbor.length + 1 + random.nextInt(8)];
            int at = random.nextInt(cbor.length);
            System.arraycopy(cbor, 0, spliced, 0, at);
            for (int i = at; i < at + spliced.length - cbor.length; i++) {
                spliced[i] = (byte) random.nextInt(256);
            }
            System.arraycopy(cbor, at, spliced, at + spliced.length - cbor.length, cbor.length - at);
            return spliced;
        }
        return unparseable(cbor, random);
    }

    /** One poison transaction for a snapshot, of a kind chosen by {@code random}. */
    static HeadTx poison(SplittableRandom random, int n) {
        SignedTransaction base = GOOD.get(random.nextInt(GOOD.size()));
        String id = String.format("%064x", 0xbad0000L + n);
        return switch (random.nextInt(5)) {
            case 0 -> new HeadTx(HEX.formatHex(unparseable(base.cbor(), random)), id, "unparseable CBOR");
            case 1 -> new HeadTx("zz" + base.cborHex().substring(2), id, "not hex");
            case 2 -> new HeadTx(base.cborHex().substring(1), id, "odd-length hex");
            case 3 -> new HeadTx(GARBAGE_DATUM.cborHex(), GARBAGE_DATUM.txId(), "unreadable bid datum");
            default -> new HeadTx(HEX.formatHex(hugeDeclaredDatum()), id, "datum declaring 2^31 items");
        };
    }

    static List<HeadTx> goodOnes(SplittableRandom random) {
        List<SignedTransaction> pool = new ArrayList<>(GOOD);
        List<HeadTx> chosen = new ArrayList<>();
        for (int n = 1 + random.nextInt(pool.size()); n > 0; n--) {
            SignedTransaction tx = pool.remove(random.nextInt(pool.size()));
            chosen.add(new HeadTx(tx.cborHex(), tx.txId(), "good"));
        }
        return chosen;
    }
}
