package dev.fabric.devnet.it;

import static dev.fabric.devnet.it.DevnetFixtures.ADA;
import static org.assertj.core.api.Assertions.assertThat;

import com.bloxbean.cardano.client.account.Account;
import com.bloxbean.cardano.client.api.model.Utxo;
import com.bloxbean.cardano.client.common.model.Networks;
import dev.fabric.devnet.HydraDevnet;
import dev.fabric.devnet.head.DevnetConfig;
import dev.fabric.devnet.ledger.UtxoImport;
import dev.fabric.hydra.api.Transaction;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.hydra.api.TxOut;
import dev.fabric.hydra.api.Value;
import dev.fabric.hydra.client.HeadConnection;
import dev.fabric.hydra.client.TxSubmitter;
import dev.fabric.plutus.datum.BidDatum;
import dev.fabric.plutus.datum.Mode;
import dev.fabric.plutus.datum.Request;
import dev.fabric.plutus.eval.ScriptEvaluator;
import dev.fabric.plutus.eval.SlotTiming;
import dev.fabric.plutus.params.ProtocolParameters;
import dev.fabric.plutus.tx.FabricTransactions;
import dev.fabric.plutus.tx.SignedTransaction;
import dev.fabric.plutus.tx.SigningKey;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The plutus module's transaction builders against the devnet's ledger: a bid opened and taken in
 * race mode, built and priced by {@link FabricTransactions} on the head's slot clock.
 */
class FabricBuildersTest {

    private static final Instant SYSTEM_START = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void shouldConfirmABidOpenedAndAcceptedWithThePlutusBuilders() {
        SigningKey app = SigningKey.of(new Account(Networks.testnet()));
        SigningKey operator = SigningKey.of(new Account(Networks.testnet()));
        String appAddress = app.address(Networks.testnet()).toBech32();
        String operatorAddress = operator.address(Networks.testnet()).toBech32();
        TxIn appFunds = new TxIn("55".repeat(32), 0);
        TxIn operatorCollateral = new TxIn("55".repeat(32), 1);
        Map<TxIn, TxOut> funds = new LinkedHashMap<>();
        funds.put(appFunds, TxOut.of(appAddress, Value.lovelace(500 * ADA)));
        funds.put(operatorCollateral, TxOut.of(operatorAddress, Value.lovelace(10 * ADA)));
        DevnetConfig config = DevnetConfig.defaults().withSystemStart(SYSTEM_START)
                .withInitialUtxo(new dev.fabric.hydra.api.Utxo(funds));

        ProtocolParameters parameters = ProtocolParameters.l2Default();
        SlotTiming timing = SlotTiming.devnet(SYSTEM_START.toEpochMilli());
        FabricTransactions builders = new FabricTransactions(parameters, timing, Networks.testnet());
        ScriptEvaluator evaluator = new ScriptEvaluator(parameters, timing);

        try (HydraDevnet devnet = HydraDevnet.start(config);
             HeadConnection connection = DevnetFixtures.client(devnet);
             TxSubmitter submitter = DevnetFixtures.submitter(connection, null)) {
            connection.start().join();
            long now = System.currentTimeMillis();
            BidDatum bid = new BidDatum(app.keyHash(), new Request(2000, 1024, 10, 0, 3600, Optional.empty(), "cd".repeat(32)),
                    20 * ADA, 50 * ADA, new Mode.Race(), now + Duration.ofHours(1).toMillis(), Optional.empty(), List.of());

            SignedTransaction open = builders.openBid(List.of(utxo(devnet, appFunds)), bid, Optional.empty(), app).complete(evaluator);
            submitter.submit(Transaction.conway(open.cborHex(), open.txId())).confirmed().join();

            SignedTransaction accept = builders.raceAccept(utxo(devnet, new TxIn(open.txId(), 0)), 30 * ADA, operator,
                    utxo(devnet, operatorCollateral), now - 60_000, now + 60_000).complete(evaluator);
            assertThat(submitter.submit(Transaction.conway(accept.cborHex(), accept.txId())).confirmed().join().txId())
                    .isEqualTo(accept.txId());
            assertThat(devnet.confirmedUtxo().get(new TxIn(open.txId(), 0))).isEmpty();
        }
    }

    private static Utxo utxo(HydraDevnet devnet, TxIn in) {
        TxOut out = devnet.confirmedUtxo().get(in).orElseThrow(() -> new AssertionError(in + " is not in the head"));
        return UtxoImport.toLedger(out).toCclUtxo(in);
    }
}
