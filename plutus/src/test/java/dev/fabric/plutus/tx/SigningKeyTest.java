package dev.fabric.plutus.tx;

import com.bloxbean.cardano.client.account.Account;
import com.bloxbean.cardano.client.api.model.Utxo;
import com.bloxbean.cardano.client.common.model.Networks;
import com.bloxbean.cardano.client.crypto.Blake2bUtil;
import com.bloxbean.cardano.client.crypto.SecretKey;
import com.bloxbean.cardano.client.transaction.TransactionSigner;
import com.bloxbean.cardano.client.transaction.spec.Transaction;
import com.bloxbean.cardano.client.transaction.spec.VkeyWitness;
import com.bloxbean.cardano.client.transaction.util.TransactionBytes;
import com.bloxbean.cardano.client.transaction.util.TransactionUtil;
import java.nio.charset.StandardCharsets;
import org.bouncycastle.math.ec.rfc8032.Ed25519;
import org.junit.jupiter.api.Test;

import static dev.fabric.plutus.Grid.*;
import static dev.fabric.plutus.tx.Flows.*;
import static org.junit.jupiter.api.Assertions.*;

/** A plain key signs with its expanded key kept; the witness must be the one cardano-client-lib makes. */
class SigningKeyTest {

    @Test
    void shouldWitnessExactlyAsCardanoClientLibDoes() throws Exception {
        SecretKey secret = SecretKey.create(Blake2bUtil.blake2bHash256("signing-key-test".getBytes(StandardCharsets.UTF_8)));
        SigningKey key = SigningKey.of(secret);
        Utxo bid = openBid(auctionBid(), "sign");
        Utxo offer = makeOffer(bid, OPERATOR, 25 * ADA, "sign-offer");
        Transaction unsigned = TXS.award(bid, offer, ARBITER, collateral(ARBITER), at(100), at(160)).transaction();

        byte[] ours = TransactionDraft.serialize(key.sign(TransactionUtil.createCopy(unsigned)));
        byte[] theirs = TransactionDraft.serialize(TransactionSigner.INSTANCE.sign(TransactionUtil.createCopy(unsigned), secret));

        assertArrayEquals(theirs, ours);
        Transaction signed = Transaction.deserialize(ours);
        VkeyWitness witness = signed.getWitnessSet().getVkeyWitnesses().get(0);
        byte[] bodyHash = Blake2bUtil.blake2bHash256(new TransactionBytes(ours).getTxBodyBytes());
        assertTrue(Ed25519.verify(witness.getSignature(), 0, witness.getVkey(), 0, bodyHash, 0, bodyHash.length));
        assertEquals(key.keyHash().hex(), com.bloxbean.cardano.client.util.HexUtil.encodeHexString(
                com.bloxbean.cardano.client.crypto.KeyGenUtil.blake2bHash224(witness.getVkey())));
    }

    @Test
    void shouldAppendAfterAnotherSignersWitness() throws Exception {
        SigningKey plain = SigningKey.of(SecretKey.create(Blake2bUtil.blake2bHash256("second".getBytes(StandardCharsets.UTF_8))));
        SigningKey hd = SigningKey.of(new Account(Networks.testnet()));
        Utxo bid = openBid(auctionBid(), "sign-two");
        Utxo offer = makeOffer(bid, OPERATOR, 25 * ADA, "sign-two-offer");
        Transaction unsigned = TXS.award(bid, offer, ARBITER, collateral(ARBITER), at(100), at(160)).transaction();

        Transaction signed = plain.sign(hd.sign(unsigned));

        var witnesses = Transaction.deserialize(TransactionDraft.serialize(signed)).getWitnessSet().getVkeyWitnesses();
        assertEquals(2, witnesses.size());
        assertEquals(plain.keyHash().hex(), com.bloxbean.cardano.client.util.HexUtil.encodeHexString(
                com.bloxbean.cardano.client.crypto.KeyGenUtil.blake2bHash224(witnesses.get(1).getVkey())));
    }
}
