package dev.fabric.plutus.tx;

import com.bloxbean.cardano.client.account.Account;
import com.bloxbean.cardano.client.address.Address;
import com.bloxbean.cardano.client.address.AddressProvider;
import com.bloxbean.cardano.client.address.Credential;
import com.bloxbean.cardano.client.common.model.Network;
import com.bloxbean.cardano.client.crypto.KeyGenUtil;
import com.bloxbean.cardano.client.crypto.SecretKey;
import com.bloxbean.cardano.client.crypto.bip32.HdKeyPair;
import com.bloxbean.cardano.client.transaction.TransactionSigner;
import com.bloxbean.cardano.client.transaction.spec.Transaction;
import dev.fabric.plutus.datum.KeyHash;

/**
 * A payment key that signs transactions: a plain Ed25519 {@link SecretKey} (from a key file or a
 * Kubernetes secret) or the payment key of a cardano-client-lib {@link Account}. Never logged:
 * {@link #toString()} shows the key hash only.
 */
public final class SigningKey {

    private final SecretKey secretKey;
    private final HdKeyPair hdKeyPair;
    private final KeyHash keyHash;

    private SigningKey(SecretKey secretKey, HdKeyPair hdKeyPair, KeyHash keyHash) {
        this.secretKey = secretKey;
        this.hdKeyPair = hdKeyPair;
        this.keyHash = keyHash;
    }

    public static SigningKey of(SecretKey secretKey) {
        byte[] publicKey = KeyGenUtil.getPublicKeyFromPrivateKey(secretKey.getBytes());
        return new SigningKey(secretKey, null, KeyHash.of(KeyGenUtil.blake2bHash224(publicKey)));
    }

    public static SigningKey of(Account account) {
        HdKeyPair pair = account.hdKeyPair();
        return new SigningKey(null, pair, KeyHash.of(KeyGenUtil.blake2bHash224(pair.getPublicKey().getKeyData())));
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

    Transaction sign(Transaction tx) {
        return secretKey != null
                ? TransactionSigner.INSTANCE.sign(tx, secretKey)
                : TransactionSigner.INSTANCE.sign(tx, hdKeyPair);
    }

    @Override
    public String toString() {
        return "SigningKey[" + keyHash + "]";
    }
}
