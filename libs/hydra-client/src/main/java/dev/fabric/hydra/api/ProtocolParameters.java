package dev.fabric.hydra.api;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Objects;

/**
 * The L2 ledger's protocol parameters ({@code GET /protocol-parameters}), in cardano-cli's JSON form.
 *
 * <p>Kept whole as JSON because the node serves its configuration file unchanged and transaction
 * builders (cardano-client-lib) want all of it; the accessors type the fields Fabric relies on.
 * Note {@code maxTxExecutionUnits} uses {@code {memory, steps}} although the schema says {@code cpu}.
 */
public record ProtocolParameters(ObjectNode json) {

    @JsonCreator
    public ProtocolParameters {
        Objects.requireNonNull(json, "json");
    }

    @JsonValue
    @Override
    public ObjectNode json() {
        return json;
    }

    public BigInteger txFeeFixed() {
        return integer("txFeeFixed");
    }

    public BigInteger txFeePerByte() {
        return integer("txFeePerByte");
    }

    public BigInteger utxoCostPerByte() {
        return integer("utxoCostPerByte");
    }

    public long maxTxSize() {
        return integer("maxTxSize").longValueExact();
    }

    public long maxValueSize() {
        return integer("maxValueSize").longValueExact();
    }

    public long collateralPercentage() {
        return integer("collateralPercentage").longValueExact();
    }

    public BigInteger maxTxExecutionMemory() {
        return integer(json.path("maxTxExecutionUnits"), "memory");
    }

    public BigInteger maxTxExecutionSteps() {
        return integer(json.path("maxTxExecutionUnits"), "steps");
    }

    /** Execution prices are rationals; kept exact. */
    public BigDecimal priceMemory() {
        return json.path("executionUnitPrices").path("priceMemory").decimalValue();
    }

    public BigDecimal priceSteps() {
        return json.path("executionUnitPrices").path("priceSteps").decimalValue();
    }

    /** True when every fee component is zero, as the Hydra project recommends for heads. */
    public boolean zeroFees() {
        return txFeeFixed().signum() == 0
                && txFeePerByte().signum() == 0
                && priceMemory().signum() == 0
                && priceSteps().signum() == 0;
    }

    private BigInteger integer(String field) {
        return integer(json, field);
    }

    private static BigInteger integer(JsonNode parent, String field) {
        JsonNode node = parent.path(field);
        if (!node.isNumber()) {
            throw new IllegalStateException("protocol parameter " + field + " is missing or not a number: " + node);
        }
        // Some producers write integral parameters as 1.0E10; accept them if they are whole.
        return node.isIntegralNumber() ? node.bigIntegerValue() : node.decimalValue().toBigIntegerExact();
    }
}
