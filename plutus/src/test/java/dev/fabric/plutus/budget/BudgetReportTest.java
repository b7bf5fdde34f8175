package dev.fabric.plutus.budget;

import com.bloxbean.cardano.client.api.model.Utxo;
import dev.fabric.plutus.blueprint.FabricScript;
import dev.fabric.plutus.eval.EvaluationResult;
import dev.fabric.plutus.eval.RedeemerBudget;
import dev.fabric.plutus.eval.ScriptEvaluator;
import dev.fabric.plutus.tx.FabricTransactions;
import dev.fabric.plutus.tx.SignedTransaction;
import dev.fabric.plutus.tx.TransactionDraft;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

import static dev.fabric.plutus.Grid.*;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Budget report: for every redeemer, the execution units its script needs as a share of the
 * per-transaction maximum, and the size of the transaction that carries it as a share of maxTxSize
 * (L2 protocol parameters), with scripts carried inline and read from reference outputs.
 * Units are priced twice: with the L2 parameters' V3 cost model and with the epoch-507 model Scalus
 * ships. Prints the table, writes it to target/budget-report.md and enforces the goals.
 */
class BudgetReportTest {

    static final double UNITS_GOAL_PERCENT = 2.0;
    static final double SIZE_GOAL_PERCENT = 25.0;

    record Row(String redeemer, RedeemerBudget l2, RedeemerBudget epoch507, int inlineSize, int referenceSize) {
    }

    /** One transaction of each kind, built by the given builders (inline or reference scripts). */
    static Map<String, TransactionDraft> transactions(FabricTransactions txs) {
        Map<String, TransactionDraft> drafts = new LinkedHashMap<>();
        Utxo raceBid = output(TXS.openBid(List.of(funds(APP, 100 * ADA, "budget-race")), raceBid(),
                Optional.of(WORKLOAD), APP).complete(EVALUATOR), 0);
        drafts.put("bid.Accept", txs.raceAccept(raceBid, 20 * ADA, OPERATOR, collateral(OPERATOR), at(10), at(70)));
        Utxo auctionBid = output(TXS.openBid(List.of(funds(APP, 100 * ADA, "budget-auction")), auctionBid(),
                Optional.of(WORKLOAD), APP).complete(EVALUATOR), 0);
        Utxo offer = output(TXS.makeOffer(List.of(funds(OPERATOR, 10 * ADA, "budget-offer")),
                offer(ref(auctionBid), OPERATOR, 30 * ADA), OPERATOR).complete(EVALUATOR), 0);
        drafts.put("bid.Award + offer.Use", txs.award(auctionBid, offer, ARBITER, collateral(ARBITER), at(100), at(160)));
        drafts.put("bid.Cancel", txs.cancel(raceBid, APP, collateral(APP)));
        drafts.put("offer.Withdraw", txs.withdrawOffer(offer, OPERATOR, collateral(OPERATOR)));
        Utxo lease = output(TXS.raceAccept(raceBid, 20 * ADA, OPERATOR, collateral(OPERATOR), at(10), at(70))
                .complete(EVALUATOR), 0);
        drafts.put("lease.Claim", txs.claim(lease, OPERATOR, Optional.empty(), collateral(OPERATOR), at(70 + 3600)));
        drafts.put("lease.Claim (arbiter, early)", txs.claim(lease, OPERATOR, Optional.of(ARBITER), collateral(OPERATOR), at(80)));
        drafts.put("lease.Refund", txs.refund(lease, List.of(ARBITER), collateral(ARBITER)));
        return drafts;
    }

    @Test
    void shouldKeepEveryRedeemerWithinTheBudgetGoals() throws IOException {
        ScriptEvaluator epoch507 = new ScriptEvaluator(PARAMS, TIMING, Map.of(), Epoch507CostModel.load());
        SignedTransaction published = TXS.publishReferenceScripts(List.of(funds(ARBITER, 200 * ADA, "budget-refs")), ARBITER)
                .complete(EVALUATOR);
        Map<String, Utxo> references = new HashMap<>();
        for (int i = 0; i < 3; i++) {
            Utxo holder = output(published, i);
            references.put(holder.getReferenceScriptHash(), holder);
        }
        Map<String, TransactionDraft> inline = transactions(TXS);
        Map<String, TransactionDraft> referenced = transactions(TXS.withReferenceScripts(references));

        List<Row> rows = new ArrayList<>();
        for (String name : inline.keySet()) {
            TransactionDraft draft = inline.get(name);
            List<RedeemerBudget> l2 = success(draft.evaluate(EVALUATOR), name).budgets();
            List<RedeemerBudget> old = success(draft.evaluate(epoch507), name).budgets();
            int inlineSize = draft.complete(EVALUATOR).sizeBytes();
            int referenceSize = referenced.get(name).complete(EVALUATOR).sizeBytes();
            for (int i = 0; i < l2.size(); i++) {
                String label = draft.labelOf(l2.get(i));
                rows.add(new Row(name.equals(label) || name.startsWith(label + " (") ? name : label + " (" + name + " tx)", l2.get(i), old.get(i),
                        inlineSize, referenceSize));
            }
        }

        String report = render(rows, published.sizeBytes());
        System.out.println(report);
        Path target = Path.of("target", "budget-report.md");
        Files.createDirectories(target.getParent());
        Files.writeString(target, report, StandardCharsets.UTF_8);

        for (Row row : rows) {
            assertTrue(memPercent(row.l2()) <= UNITS_GOAL_PERCENT, row.redeemer() + " memory " + memPercent(row.l2()) + "%");
            assertTrue(cpuPercent(row.l2()) <= UNITS_GOAL_PERCENT, row.redeemer() + " CPU " + cpuPercent(row.l2()) + "%");
            assertTrue(sizePercent(row.referenceSize()) <= SIZE_GOAL_PERCENT,
                    row.redeemer() + " tx size " + sizePercent(row.referenceSize()) + "%");
        }
    }

    private static EvaluationResult.Success success(EvaluationResult result, String name) {
        if (result instanceof EvaluationResult.Failure failure) {
            throw new AssertionError(name + " was rejected: " + failure.describe());
        }
        return (EvaluationResult.Success) result;
    }

    static double memPercent(RedeemerBudget b) {
        return 100.0 * b.memory() / PARAMS.maxTxMemory();
    }

    static double cpuPercent(RedeemerBudget b) {
        return 100.0 * b.steps() / PARAMS.maxTxSteps();
    }

    static double sizePercent(int bytes) {
        return 100.0 * bytes / PARAMS.maxTxSize();
    }

    private static String render(List<Row> rows, int publishSize) {
        Function<Double, String> pct = v -> String.format(Locale.ROOT, "%.2f %%", v);
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "Max per tx: %,d mem, %,d steps, %,d bytes (L2 protocol parameters).%n%n",
                PARAMS.maxTxMemory(), PARAMS.maxTxSteps(), PARAMS.maxTxSize()));
        out.append("| redeemer | mem (L2 model) | CPU (L2 model) | mem (Scalus epoch 507) | CPU (Scalus epoch 507) "
                + "| tx size, scripts inline | tx size, reference scripts |\n");
        out.append("|---|---:|---:|---:|---:|---:|---:|\n");
        for (Row row : rows) {
            out.append(String.format(Locale.ROOT, "| %s | %s (%,d) | %s (%,d) | %s | %s | %s (%,d B) | %s (%,d B) |%n",
                    row.redeemer(),
                    pct.apply(memPercent(row.l2())), row.l2().memory(),
                    pct.apply(cpuPercent(row.l2())), row.l2().steps(),
                    pct.apply(memPercent(row.epoch507())),
                    pct.apply(cpuPercent(row.epoch507())),
                    pct.apply(sizePercent(row.inlineSize())), row.inlineSize(),
                    pct.apply(sizePercent(row.referenceSize())), row.referenceSize()));
        }
        out.append(String.format(Locale.ROOT, "%nScript sizes: %s. Publishing all three as reference scripts: "
                        + "one transaction of %,d bytes (%s).%n",
                scriptSizes(), publishSize, pct.apply(sizePercent(publishSize))));
        return out.toString();
    }

    private static String scriptSizes() {
        List<String> sizes = new ArrayList<>();
        for (FabricScript script : TXS.scripts().all()) {
            sizes.add(String.format(Locale.ROOT, "%s %,d B", script.title(), script.sizeBytes()));
        }
        return String.join(", ", sizes);
    }
}
