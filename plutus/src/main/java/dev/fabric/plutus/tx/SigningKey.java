package dev.fabric.plutus.tx;

import com.bloxbean.cardano.client.account.Account;
import com.bloxbean.cardano.client.address.Address;
import com.bloxbean.cardano.client.address.AddressProvider;
import com.bloxbean.cardano.client.address.Credential;
import com.bloxbean.cardano.client.common.model.Network;
import com.bloxbean.cardano.client.crypto.Blake2bUtil;
import com.bloxbean.cardano.client.crypto.KeyGenUtil;
import com.bloxbean.cardano.client.crypto.SecretKey;
import com.bloxbean.cardano.client.crypto.bip32.HdKeyPair;
import com.bloxbean.cardano.client.exception.CborSerializationException;
import com.bloxbean.cardano.client.transaction.TransactionSigner;
import com.bloxbean.cardano.client.transaction.spec.Transaction;
import com.bloxbean.cardano.client.transaction.spec.TransactionWitnessSet;
import com.bloxbean.cardano.client.transaction.spec.VkeyWitness;
import com.bloxbean.cardano.client.transaction.util.TransactionBytes;
import dev.fabric.plutus.datum.KeyHash;
import java.util.ArrayList;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;

/**
 * A payment key that signs transactions: a plain Ed25519 {@link SecretKey} (from a key file or a
 * Kubernetes secret) or the payment key of a cardano-client-lib {@link Account}. Never logged:
 * {@link #toString()} shows the key hash only.
 */
public final class SigningKey {

    /** Ed25519 seed size: a plain payment signing key (a 64-byte key is an extended one). */
    private static final int SEED_BYTES = 32;

    private final SecretKey secretKey;
    private final HdKeyPair hdKeyPair;
    /**
     * The plain key, expanded once and holding its public key: signing then costs one scalar
     * multiplication, where cardano-client-lib's signer expands the seed and derives the public key
     * again for every transaction (and round-trips the transaction through CBOR).
     */
    private final Ed25519PrivateKeyParameters plainKey;
    private final byte[] publicKey;
    private final KeyHash keyHash;

    private SigningKey(SecretKey secretKey, HdKeyPair hdKeyPair, Ed25519PrivateKeyParameters plainKey, byte[] publicKey) {
        this.secretKey = secretKey;
        this.hdKeyPair = hdKeyPair;
        this.plainKey = plainKey;
        this.publicKey = publicKey;
        this.keyHash = KeyHash.of(KeyGenUtil.blake2bHash224(publicKey));
    }

    public static SigningKey of(SecretKey secretKey) {
        byte[] seed = secretKey.getBytes();
        if (seed.length == SEED_BYTES) {
            Ed25519PrivateKeyParameters plain = new Ed25519PrivateKeyParameters(seed, 0);
            return new SigningKey(secretKey, null, plain, plain.generatePublicKey().getEncoded());
        }
        return new SigningKey(secretKey, null, null, KeyGenUtil.getPublicKeyFromPrivateKey(seed));
    }

    public static SigningKey of(Account account) {
        HdKeyPair pair = account.hdKeyPair();
        return new SigningKey(null, pair, null, pair.getPublicKey().getKeyData());
    }

    public KeyHash keyHash() {
        return keyHash;
    }

    /** Enterprise address (no staking part) of this key: where builders send this party's lovelace. */
    public Address address(Network network) {
        return enterpriseAddress(keyHash, network);
    }

    public static Address enterpriseAddress(KeyHash keyHash, Network network) {
        return AddressProvider.getEntAddress(Credential.fromKey(keyHash.bytes()), network);
    }

    /**
     * Adds this key's witness to {@code tx} (in place for a plain key; cardano-client-lib returns a
     * copy for the others). The signature is over the body bytes {@code tx} serializes to, which are
     * the bytes of the finished transaction: witnesses are outside the body.
     */
    Transaction sign(Transaction tx) {
        if (plainKey == null) {
            return secretKey != null
                    ? TransactionSigner.INSTANCE.sign(tx, secretKey)
                    : TransactionSigner.INSTANCE.sign(tx, hdKeyPair);
        }
        byte[] bodyHash;
        try {
            bodyHash = Blake2bUtil.blake2bHash256(new TransactionBytes(tx.serialize()).getTxBodyBytes());
        } catch (CborSerializationException e) {
            throw new IllegalStateException("cannot serialize the transaction to sign it", e);
        }
        byte[] signature = new byte[Ed25519PrivateKeyParameters.SIGNATURE_SIZE];
        plainKey.sign(org.bouncycastle.math.ec.rfc8032.Ed25519.Algorithm.Ed25519, null, bodyHash, 0, bodyHash.length, signature, 0);
        if (tx.getWitnessSet() == null) {
            tx.setWitnessSet(new TransactionWitnessSet());
        }
        if (tx.getWitnessSet().getVkeyWitnesses() == null) {
            tx.getWitnessSet().setVkeyWitnesses(new ArrayList<>());
        }
        tx.getWitnessSet().getVkeyWitnesses().add(new VkeyWitness(publicKey.clone(), signature));
        return tx;
    }

    @Override
    public String toString() {
        return "SigningKey[" + keyHash + "]";
    }
}
