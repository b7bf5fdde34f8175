package dev.fabric.plutus.params;

import com.bloxbean.cardano.client.api.model.ProtocolParams;
import com.bloxbean.cardano.client.plutus.spec.CostMdls;
import com.bloxbean.cardano.client.plutus.spec.CostModel;
import com.bloxbean.cardano.client.plutus.spec.Language;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;

/**
 * Ledger protocol parameters of a Hydra head, in the cardano-cli JSON shape hydra-node serves and
 * takes ({@code --ledger-protocol-parameters}). Only what transactions and evaluation need is typed;
 * the rest stays in {@link #json()}.
 *
 * <p>{@link #l2Default()} is the Hydra reference L2 parameter set: no fees at all, which is why the
 * builders set a zero fee, yet collateral is still required for script transactions.
 */
public record ProtocolParameters(JsonNode json, long txFeeFixed, long txFeePerByte, long utxoCostPerByte,
                                 BigDecimal priceMemory, BigDecimal priceSteps, int collateralPercentage,
                                 int maxCollateralInputs, int maxTxSize, long maxTxMemory, long maxTxSteps,
                                 int protocolMajorVersion, Map<Language, List<Long>> costModels) {

    public static final String L2_DEFAULT_RESOURCE = "/l2-protocol-parameters.json";

    public ProtocolParameters {
        costModels = Map.copyOf(costModels);
    }

    public static ProtocolParameters l2Default() {
        try (InputStream in = ProtocolParameters.class.getResourceAsStream(L2_DEFAULT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(L2_DEFAULT_RESOURCE + " is not on the classpath");
            }
            return fromJson(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static ProtocolParameters fromJson(byte[] json) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("protocol parameters are not valid JSON", e);
        }
        Map<Language, List<Long>> costModels = new LinkedHashMap<>();
        JsonNode models = required(root, "costModels");
        putCostModel(costModels, models, "PlutusV1", Language.PLUTUS_V1);
        putCostModel(costModels, models, "PlutusV2", Language.PLUTUS_V2);
        putCostModel(costModels, models, "PlutusV3", Language.PLUTUS_V3);
        JsonNode prices = required(root, "executionUnitPrices");
        JsonNode maxTx = required(root, "maxTxExecutionUnits");
        return new ProtocolParameters(root,
                required(root, "txFeeFixed").asLong(),
                required(root, "txFeePerByte").asLong(),
                required(root, "utxoCostPerByte").asLong(),
                required(prices, "priceMemory").decimalValue(),
                required(prices, "priceSteps").decimalValue(),
                required(root, "collateralPercentage").asInt(),
                required(root, "maxCollateralInputs").asInt(),
                required(root, "maxTxSize").asInt(),
                required(maxTx, "memory").asLong(),
                required(maxTx, "steps").asLong(),
                required(required(root, "protocolVersion"), "major").asInt(),
                costModels);
    }

    /** The Plutus V3 cost model, as the script data hash and the evaluator need it. */
    public CostModel plutusV3CostModel() {
        List<Long> costs = costModels.get(Language.PLUTUS_V3);
        if (costs == null) {
            throw new IllegalStateException("protocol parameters have no PlutusV3 cost model");
        }
        return new CostModel(Language.PLUTUS_V3, costs.stream().mapToLong(Long::longValue).toArray());
    }

    /** Cost models for the language views of a transaction that runs only V3 scripts. */
    public CostMdls plutusV3CostModels() {
        CostMdls mdls = new CostMdls();
        mdls.add(plutusV3CostModel());
        return mdls;
    }

    /** Fee the ledger demands for a transaction of this size and these units (0 on the L2 defaults). */
    public BigInteger minFee(int txSizeBytes, long memory, long steps) {
        BigDecimal scriptFee = priceMemory.multiply(BigDecimal.valueOf(memory))
                .add(priceSteps.multiply(BigDecimal.valueOf(steps)));
        return BigInteger.valueOf(txFeeFixed)
                .add(BigInteger.valueOf(txFeePerByte).multiply(BigInteger.valueOf(txSizeBytes)))
                .add(scriptFee.setScale(0, java.math.RoundingMode.CEILING).toBigIntegerExact());
    }

    /** The same parameters in cardano-client-lib's model (cost models keyed "0".."n-1", as it expects). */
    public ProtocolParams toCardanoClient() {
        LinkedHashMap<String, LinkedHashMap<String, Long>> models = new LinkedHashMap<>();
        costModels.forEach((language, costs) -> {
            LinkedHashMap<String, Long> indexed = new LinkedHashMap<>();
            for (int i = 0; i < costs.size(); i++) {
                indexed.put(Integer.toString(i), costs.get(i));
            }
            models.put(languageKey(language), indexed);
        });
        return ProtocolParams.builder()
                .minFeeA((int) txFeePerByte)
                .minFeeB((int) txFeeFixed)
                .maxTxSize(maxTxSize)
                .coinsPerUtxoSize(Long.toString(utxoCostPerByte))
                .priceMem(priceMemory)
                .priceStep(priceSteps)
                .maxTxExMem(Long.toString(maxTxMemory))
                .maxTxExSteps(Long.toString(maxTxSteps))
                .collateralPercent(BigDecimal.valueOf(collateralPercentage))
                .maxCollateralInputs(maxCollateralInputs)
                .protocolMajorVer(protocolMajorVersion)
                .protocolMinorVer(required(required(json, "protocolVersion"), "minor").asInt())
                .maxValSize(Long.toString(required(json, "maxValueSize").asLong()))
                .keyDeposit(Long.toString(required(json, "stakeAddressDeposit").asLong()))
                .poolDeposit(Long.toString(required(json, "stakePoolDeposit").asLong()))
                .minFeeRefScriptCostPerByte(required(json, "minFeeRefScriptCostPerByte").decimalValue())
                .costModels(models)
                .build();
    }

    private static String languageKey(Language language) {
        return switch (language) {
            case PLUTUS_V1 -> "PlutusV1";
            case PLUTUS_V2 -> "PlutusV2";
            case PLUTUS_V3 -> "PlutusV3";
        };
    }

    private static void putCostModel(Map<Language, List<Long>> target, JsonNode models, String key, Language language) {
        JsonNode model = models.get(key);
        if (model == null) {
            return;
        }
        if (!model.isArray()) {
            throw new IllegalArgumentException("cost model " + key + " must be an array of integers");
        }
        target.put(language, StreamSupport.stream(model.spliterator(), false).map(JsonNode::asLong).toList());
    }

    private static JsonNode required(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            throw new IllegalArgumentException("protocol parameters lack '" + field + "'");
        }
        return value;
    }
}
