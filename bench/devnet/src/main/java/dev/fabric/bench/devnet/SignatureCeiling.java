package dev.fabric.bench.devnet;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * The devnet's same-run baseline: Ed25519 verifications per second on every core, the devnet's own
 * library (BouncyCastle). Every simple payment carries one vkey witness the head must verify and
 * that is most of its cost (RESULTS.md), so this is the rate a head that did nothing else could
 * reach on this machine at this moment; tx/s over it is the share the rest of the head leaves.
 */
final class SignatureCeiling {

    private SignatureCeiling() {
    }

    static double verificationsPerSecond(long millis) throws InterruptedException {
        byte[] secret = new byte[Ed25519.SECRET_KEY_SIZE];
        secret[0] = 7;
        byte[] publicKey = new byte[Ed25519.PUBLIC_KEY_SIZE];
        Ed25519.generatePublicKey(secret, 0, publicKey, 0);
        byte[] message = new byte[32]; // a transaction body hash
        byte[] signature = new byte[Ed25519.SIGNATURE_SIZE];
        Ed25519.sign(secret, 0, message, 0, message.length, signature, 0);

        AtomicLong verified = new AtomicLong();
        long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis);
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < Runtime.getRuntime().availableProcessors(); i++) {
            Thread t = new Thread(() -> {
                long n = 0;
                while (System.nanoTime() < until) {
                    if (!Ed25519.verify(signature, 0, publicKey, 0, message, 0, message.length)) {
                        throw new IllegalStateException("a valid signature did not verify");
                    }
                    n++;
                }
                verified.addAndGet(n);
            }, "signature-ceiling-" + i);
            threads.add(t);
        }
        long start = System.nanoTime();
        threads.forEach(Thread::start);
        for (Thread t : threads) {
            t.join();
        }
        return verified.get() / ((System.nanoTime() - start) / 1e9);
    }
}
