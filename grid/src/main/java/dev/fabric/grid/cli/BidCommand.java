package dev.fabric.grid.cli;

import com.bloxbean.cardano.client.common.model.Network;
import com.bloxbean.cardano.client.common.model.Networks;
import dev.fabric.events.UtxoRef;
import dev.fabric.grid.launch.GridIdentities;
import dev.fabric.hydra.api.SubmitTxResult;
import dev.fabric.hydra.api.Transaction;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.api.TxOut;
import dev.fabric.hydra.api.Utxo;
import dev.fabric.hydra.client.HydraHttpClient;
import dev.fabric.hydra.client.HydraHttpException;
import dev.fabric.plutus.datum.BidDatum;
import dev.fabric.plutus.datum.KeyHash;
import dev.fabric.plutus.eval.ScriptEvaluator;
import dev.fabric.plutus.eval.SlotTiming;
import dev.fabric.plutus.head.HeadUtxos;
import dev.fabric.plutus.params.ProtocolParameters;
import dev.fabric.plutus.tx.FabricTransactions;
import dev.fabric.plutus.tx.InvalidKeyFileException;
import dev.fabric.plutus.tx.KeyFiles;
import dev.fabric.plutus.tx.SignedTransaction;
import dev.fabric.plutus.tx.SigningKey;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code fabric bid post|cancel|show}. */
@Command(name = "bid", description = "Post, cancel or follow a bid.",
        subcommands = {BidCommand.Post.class, BidCommand.Cancel.class, BidTimeline.class})
public final class BidCommand {

    private static final Network NETWORK = Networks.testnet();

    /** Where the head is and whose key signs. */
    static final class HeadOptions {
        @Option(names = "--head", defaultValue = "${FABRIC_HEAD:-http://localhost:4001}", description = "Head HTTP API (default: ${DEFAULT-VALUE}).")
        URI head;

        @Option(names = "--system-start", defaultValue = "2026-01-01T00:00:00Z", description = "The head's slot zero (default: ${DEFAULT-VALUE}).")
        Instant systemStart;

        @ArgGroup(exclusive = true, multiplicity = "1")
        Signer signer;

        static final class Signer {
            @Option(names = "--key", description = "Application signing key (cardano-cli text envelope).")
            Path keyFile;

            @Option(names = "--app", description = "A local grid application by name (app-1, app-2, …): development keys only.")
            String gridApp;
        }

        SigningKey key() {
            if (signer.keyFile != null) {
                try {
                    return KeyFiles.load(signer.keyFile, "application");
                } catch (InvalidKeyFileException e) {
                    throw new CliInputException(e.getMessage());
                }
            }
            if (!signer.gridApp.matches("app-[1-9][0-9]?")) {
                throw new CliInputException("--app must name a grid application like app-1, got '" + signer.gridApp + "'");
            }
            return GridIdentities.party(signer.gridApp).key();
        }

        HydraHttpClient client() {
            return new HydraHttpClient(head);
        }

        FabricTransactions transactions(Utxo utxo) {
            ProtocolParameters parameters = ProtocolParameters.l2Default();
            return new FabricTransactions(parameters, SlotTiming.devnet(systemStart.toEpochMilli()), NETWORK)
                    .withReferenceScripts(HeadUtxos.referenceScripts(utxo, new FabricTransactions(parameters,
                            SlotTiming.devnet(systemStart.toEpochMilli()), NETWORK).scripts()));
        }

        ScriptEvaluator evaluator() {
            return new ScriptEvaluator(ProtocolParameters.l2Default(), SlotTiming.devnet(systemStart.toEpochMilli()));
        }

        Utxo utxo() {
            try {
                return client().snapshotUtxo().orElseThrow(() -> new CliInputException("the head at " + head + " is not open"));
            } catch (HydraHttpException | java.io.UncheckedIOException e) {
                throw new CliInputException("cannot reach the head at " + head + ": " + e.getMessage());
            }
        }

        void submit(SignedTransaction tx, PrintWriter out) {
            SubmitTxResult result = client().submitTransaction(Transaction.conway(tx.cborHex(), tx.txId()));
            if (!(result instanceof SubmitTxResult.SubmitTxSubmitted || result instanceof SubmitTxResult.SubmitTxConfirmed)) {
                throw new CliInputException("the head refused transaction " + tx.txId() + ": " + result);
            }
        }
    }

    @Command(name = "post", description = "Post a bid from a YAML or JSON request file.")
    static final class Post implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        HeadOptions head;

        @Parameters(index = "0", description = "Request file (see docs/QUICKSTART.md for its fields).")
        Path requestFile;

        @Option(names = "--arbiter", description = "Arbiter key hash (hex); default: the local grid's arbiter.")
        String arbiter;

        @Override
        public Integer call() {
            BidRequestFile.Parsed request = BidRequestFile.read(requestFile);
            SigningKey app = head.key();
            KeyHash arbiterHash = arbiter != null ? parseKeyHash(arbiter, "--arbiter") : GridIdentities.party("arbiter").key().keyHash();
            BidDatum datum = request.datum(app.keyHash(), Optional.of(arbiterHash), Instant.now());
            Utxo utxo = head.utxo();
            String address = app.address(NETWORK).toBech32();
            List<com.bloxbean.cardano.client.api.model.Utxo> funding = new ArrayList<>();
            long needed = datum.maxPrice() + 10_000_000L;
            long total = 0;
            for (Map.Entry<TxIn, TxOut> coin : HeadUtxos.adaOnlyAt(utxo, address).entrySet()) {
                funding.add(HeadUtxos.toUtxo(coin.getKey(), coin.getValue()));
                total += HeadUtxos.lovelace(coin.getValue());
                if (total >= needed) {
                    break;
                }
            }
            if (total < needed) {
                throw new CliInputException("not enough ada at " + address + " on the head: " + total + " lovelace, need " + needed);
            }
            SignedTransaction tx;
            try {
                tx = head.transactions(utxo).openBid(funding, datum, Optional.of(request.workload()), app).complete(head.evaluator());
            } catch (IllegalArgumentException e) {
                throw new CliInputException("cannot build the bid: " + e.getMessage());
            }
            head.submit(tx, spec.commandLine().getOut());
            spec.commandLine().getOut().println(tx.txId() + "#0");
            return 0;
        }
    }

    @Command(name = "cancel", description = "Cancel an open bid and take its escrow back.")
    static final class Cancel implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        HeadOptions head;

        @Parameters(index = "0", description = "The bid (txId#index).")
        String bidRef;

        @Override
        public Integer call() {
            UtxoRef ref;
            try {
                ref = UtxoRef.parse(bidRef);
            } catch (IllegalArgumentException e) {
                throw new CliInputException(e.getMessage());
            }
            SigningKey app = head.key();
            Utxo utxo = head.utxo();
            TxIn in = new TxIn(ref.txId(), ref.index());
            TxOut out = utxo.get(in).orElseThrow(() -> new CliInputException(bidRef + " is not on the head (already awarded, accepted or cancelled?)"));
            var bidUtxo = HeadUtxos.toUtxo(in, out);
            BidDatum bid;
            try {
                bid = BidDatum.fromInlineDatumHex(bidUtxo.getInlineDatum());
            } catch (RuntimeException e) {
                throw new CliInputException(bidRef + " is not a bid: " + e.getMessage());
            }
            if (!bid.appPkh().equals(app.keyHash())) {
                throw new CliInputException(bidRef + " belongs to " + bid.appPkh() + ", not to the key given (" + app.keyHash() + ")");
            }
            var collateral = HeadUtxos.adaOnlyAt(utxo, app.address(NETWORK).toBech32()).entrySet().stream()
                    .filter(e -> HeadUtxos.lovelace(e.getValue()) >= 5_000_000L).findFirst()
                    .orElseThrow(() -> new CliInputException("no ada-only output of at least 5 ADA for collateral"));
            SignedTransaction tx = head.transactions(utxo).cancel(bidUtxo, app, HeadUtxos.toUtxo(collateral.getKey(), collateral.getValue()))
                    .complete(head.evaluator());
            head.submit(tx, spec.commandLine().getOut());
            spec.commandLine().getOut().println("cancelled " + bidRef + " in " + tx.txId());
            return 0;
        }
    }

    static KeyHash parseKeyHash(String hex, String option) {
        if (!hex.matches("[0-9a-f]{56}")) {
            throw new CliInputException(option + " must be 56 lowercase hex characters, got '" + hex + "'");
        }
        return KeyHash.ofHex(hex);
    }

    private BidCommand() {
    }
}
