package dev.fabric.hydra.client;

import java.util.OptionalLong;

/**
 * The node applied the transaction to its local ledger ({@code TxValid}, or 202 from
 * {@code POST /transaction}). Not final: see {@link TxConfirmed}.
 *
 * @param seq the {@code TxValid} output's seq; empty when only the HTTP answer said so
 */
public record TxAccepted(String txId, OptionalLong seq) {
}
