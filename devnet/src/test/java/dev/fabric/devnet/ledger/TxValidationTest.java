package dev.fabric.devnet.ledger;

import static dev.fabric.devnet.ledger.LedgerFixtures.ADA;
import static dev.fabric.devnet.ledger.LedgerFixtures.ALICE;
import static dev.fabric.devnet.ledger.LedgerFixtures.ALICE_COLLATERAL;
import static dev.fabric.devnet.ledger.LedgerFixtures.BID;
import static dev.fabric.devnet.ledger.LedgerFixtures.BOB;
import static dev.fabric.devnet.ledger.LedgerFixtures.GENESIS;
import static dev.fabric.devnet.ledger.LedgerFixtures.SLOT;
import static dev.fabric.devnet.ledger.LedgerFixtures.funded;
import static dev.fabric.devnet.ledger.LedgerFixtures.validate;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.bloxbean.cardano.client.transaction.spec.script.ScriptPubkey;
import dev.fabric.devnet.wallet.SignedTx;
import dev.fabric.devnet.wallet.TxDraft;
import dev.fabric.hydra.api.TxIn;
import dev.fabric.plutus.blueprint.FabricScripts;
import dev.fabric.plutus.datum.BidRedeemer;
import java.util.HexFormat;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each ledger rule the head enforces, with a transaction that keeps it and one that breaks it. */
class TxValidationTest {

    private static SignedTx payBob(long toBob, long change) {
        return new TxDraft().spend(GENESIS).pay(BOB.address(), toBob).pay(ALICE.address(), change).sign(ALICE);
    }

    @Nested
    class Inputs {
        @Test
        void shouldApplyAPaymentFromAnUnspentInput() {
            LedgerState state = funded();
            SignedTx tx = payBob(30 * ADA, 70 * ADA);

            TxVerdict verdict = validate(tx, state);

            assertThat(verdict).isInstanceOf(TxVerdict.Valid.class);
            state.apply((TxVerdict.Valid) verdict);
            assertThat(state.contains(GENESIS)).isFalse();
            assertThat(state.find(tx.output(0)).address()).isEqualTo(BOB.address());
            assertThat(state.find(tx.output(1)).output().getValue().getCoin().longValue()).isEqualTo(70 * ADA);
        }

        @Test
        void shouldRejectAnInputThatDoesNotExist() {
            TxIn unknown = new TxIn("ab".repeat(32), 7);
            SignedTx tx = new TxDraft().spend(unknown).pay(BOB.address(), 2 * ADA).sign(ALICE);

            TxVerdict verdict = validate(tx, funded());

            assertThat(verdict).isInstanceOfSatisfying(TxVerdict.Invalid.class, invalid -> {
                assertThat(invalid.breaks("BadInputsUTxO")).isTrue();
                assertThat(invalid.reason()).startsWith("ApplyTxError (ConwayUtxowFailure (UtxoFailure (BadInputsUTxO")
                        .contains("SafeHash \"" + "ab".repeat(32) + "\"").contains("TxIx {unTxIx = 7}");
            });
        }

        @Test
        void shouldRejectTheSecondOfTwoConflictingSpends() {
            LedgerState state = funded();
            SignedTx first = payBob(30 * ADA, 70 * ADA);
            SignedTx second = payBob(40 * ADA, 60 * ADA);
            state.apply((TxVerdict.Valid) validate(first, state));

            assertThat(validate(second, state)).isInstanceOfSatisfying(TxVerdict.Invalid.class,
                    invalid -> assertThat(invalid.breaks("BadInputsUTxO")).isTrue());
        }
    }

    @Nested
    class ValuePreservation {
        @Test
        void shouldRejectATransactionThatCreatesValue() {
            assertThat(validate(payBob(30 * ADA, 71 * ADA), funded())).isInstanceOfSatisfying(TxVerdict.Invalid.class,
                    invalid -> assertThat(invalid.reason()).contains("ValueNotConservedUTxO")
                            .contains("MaryValue (Coin 100000000)").contains("MaryValue (Coin 101000000)"));
        }

        @Test
        void shouldRejectATransactionThatLosesValue() {
            assertThat(validate(payBob(30 * ADA, 69 * ADA), funded())).isInstanceOfSatisfying(TxVerdict.Invalid.class,
                    invalid -> assertThat(invalid.breaks("ValueNotConservedUTxO")).isTrue());
        }

        @Test
        void shouldCountAPaidFeeAsConsumedValue() {
            SignedTx tx = new TxDraft().spend(GENESIS).pay(BOB.address(), 30 * ADA).pay(ALICE.address(), 70 * ADA - 1000)
                    .fee(1000).sign(ALICE);

            assertThat(validate(tx, funded())).isInstanceOf(TxVerdict.Valid.class);
        }

        @Test
        void shouldDemandTheMinimumFeeWhenTheParametersChargeOne() {
            TxValidation charging = LedgerFixtures.ledgerWith(json -> json.put("txFeeFixed", 155_381));
            SignedTx free = payBob(30 * ADA, 70 * ADA);
            SignedTx paying = new TxDraft().spend(GENESIS).pay(BOB.address(), 30 * ADA)
                    .pay(ALICE.address(), 70 * ADA - 155_381).fee(155_381).sign(ALICE);

            assertThat(charging.validate(LedgerFixtures.decoded(free), funded(), SLOT))
                    .isInstanceOfSatisfying(TxVerdict.Invalid.class, invalid -> assertThat(invalid.reason())
                            .contains("FeeTooSmallUTxO").contains("mismatchExpected = Coin 155381"));
            assertThat(charging.validate(LedgerFixtures.decoded(paying), funded(), SLOT)).isInstanceOf(TxVerdict.Valid.class);
        }
    }

    @Nested
    class Outputs {
        @Test
        void shouldRejectAnOutputBelowTheMinimumAda() {
            assertThat(validate(payBob(100_000, 100 * ADA - 100_000), funded())).isInstanceOfSatisfying(TxVerdict.Invalid.class,
                    invalid -> assertThat(invalid.breaks("BabbageOutputTooSmallUTxO")).isTrue());
        }

        @Test
        void shouldAcceptAnOutputOfExactlyTheMinimumAda() {
            SignedTx probe = payBob(2 * ADA, 98 * ADA);
            LedgerOutput bobs = LedgerOutput.fromCbor(LedgerFixtures.decoded(probe).outputBytes().get(0));
            long minAda = (160 + bobs.cbor().length) * LedgerFixtures.RULES.parameters().utxoCostPerByte();

            assertThat(validate(payBob(minAda, 100 * ADA - minAda), funded())).isInstanceOf(TxVerdict.Valid.class);
            assertThat(validate(payBob(minAda - 1, 100 * ADA - minAda + 1), funded())).isInstanceOf(TxVerdict.Invalid.class);
        }

        @Test
        void shouldRejectATransactionLargerThanTheMaximumSize() {
            TxValidation small = LedgerFixtures.ledgerWith(json -> json.put("maxTxSize", 200));
            SignedTx tx = payBob(30 * ADA, 70 * ADA);

            assertThat(tx.cbor().length).isGreaterThan(200);
            assertThat(small.validate(LedgerFixtures.decoded(tx), funded(), SLOT)).isInstanceOfSatisfying(TxVerdict.Invalid.class,
                    invalid -> assertThat(invalid.breaks("MaxTxSizeUTxO")).isTrue());
            assertThat(validate(tx, funded())).isInstanceOf(TxVerdict.Valid.class);
        }
    }

    @Nested
    class ValidityInterval {
        private SignedTx within(Long from, Long to) {
            TxDraft draft = new TxDraft().spend(GENESIS).pay(BOB.address(), 30 * ADA).pay(ALICE.address(), 70 * ADA);
            if (from != null) {
                draft.validFrom(from);
            }
            if (to != null) {
                draft.validTo(to);
            }
            return draft.sign(ALICE);
        }

        @Test
        void shouldAcceptATransactionInsideItsInterval() {
            assertThat(validate(within(SLOT, SLOT + 1), funded())).isInstanceOf(TxVerdict.Valid.class);
        }

        @Test
        void shouldRejectAnExpiredTransaction() {
            assertThat(validate(within(null, SLOT), funded())).isInstanceOfSatisfying(TxVerdict.Invalid.class,
                    invalid -> assertThat(invalid.reason()).contains("OutsideValidityIntervalUTxO")
                            .contains("invalidHereafter = SJust (SlotNo 1000)").contains("(SlotNo 1000)"));
        }

        @Test
        void shouldRejectATransactionNotYetValid() {
            assertThat(validate(within(SLOT + 1, null), funded())).isInstanceOfSatisfying(TxVerdict.Invalid.class,
                    invalid -> assertThat(invalid.breaks("OutsideValidityIntervalUTxO")).isTrue());
        }
    }

    @Nested
    class Witnesses {
        @Test
        void shouldRejectATamperedSignature() {
            SignedTx tx = payBob(30 * ADA, 70 * ADA);
            byte[] cbor = tx.cbor().clone();
            cbor[cbor.length - 3] ^= 0x01; // inside the signature, the last item before isValid and aux data
            SignedTx tampered = new SignedTx(cbor, tx.txId());

            assertThat(validate(tampered, funded())).isInstanceOfSatisfying(TxVerdict.Invalid.class, invalid -> {
                assertThat(invalid.breaks("InvalidWitnessesUTXOW")).isTrue();
                assertThat(invalid.reason()).contains(ALICE.vkeyHex());
            });
        }

        @Test
        void shouldRejectASpendSignedByTheWrongKey() {
            SignedTx tx = new TxDraft().spend(GENESIS).pay(BOB.address(), 30 * ADA).pay(ALICE.address(), 70 * ADA).sign(BOB);

            assertThat(validate(tx, funded())).isInstanceOfSatisfying(TxVerdict.Invalid.class, invalid -> {
                assertThat(invalid.breaks("MissingVKeyWitnessesUTXOW")).isTrue();
                assertThat(invalid.reason()).contains(ALICE.keyHash());
            });
        }

        @Test
        void shouldDemandTheSignatureOfEveryRequiredSigner() {
            TxDraft draft = new TxDraft().spend(GENESIS).pay(BOB.address(), 30 * ADA).pay(ALICE.address(), 70 * ADA)
                    .requireSigner(BOB);

            assertThat(validate(draft.sign(ALICE), funded())).isInstanceOfSatisfying(TxVerdict.Invalid.class,
                    invalid -> assertThat(invalid.reason()).contains("MissingVKeyWitnessesUTXOW").contains(BOB.keyHash()));
            assertThat(validate(draft.sign(ALICE, BOB), funded())).isInstanceOf(TxVerdict.Valid.class);
        }
    }

    @Nested
    class Scripts {
        private TxDraft cancelBid() {
            return new TxDraft()
                    .spendScript(BID, FabricScripts.bid().plutusScript(), new BidRedeemer.Cancel().toPlutusData(), 2_000_000, 1_000_000_000)
                    .pay(ALICE.address(), 20 * ADA)
                    .collateral(ALICE_COLLATERAL);
        }

        @Test
        void shouldRunTheValidatorAndApplyWhenItPasses() {
            assertThat(validate(cancelBid().requireSigner(ALICE).sign(ALICE), funded())).isInstanceOf(TxVerdict.Valid.class);
        }

        @Test
        void shouldRejectWithTheScriptErrorWhenTheValidatorFails() {
            TxVerdict verdict = validate(cancelBid().sign(ALICE), funded());

            assertThat(verdict).isInstanceOfSatisfying(TxVerdict.Invalid.class, invalid -> {
                assertThat(invalid.breaks("UtxosFailure")).isTrue();
                assertThat(invalid.reason()).contains("ValidationTagMismatch (IsValid True)").contains("app must sign");
            });
        }

        @Test
        void shouldDemandCollateralForAScriptSpend() {
            SignedTx tx = new TxDraft()
                    .spendScript(BID, FabricScripts.bid().plutusScript(), new BidRedeemer.Cancel().toPlutusData(), 2_000_000, 1_000_000_000)
                    .pay(ALICE.address(), 20 * ADA).requireSigner(ALICE).sign(ALICE);

            assertThat(validate(tx, funded())).isInstanceOfSatisfying(TxVerdict.Invalid.class,
                    invalid -> assertThat(invalid.breaks("NoCollateralInputs")).isTrue());
        }

        @Test
        void shouldRejectAWrongScriptIntegrityHash() {
            SignedTx tx = cancelBid().requireSigner(ALICE)
                    .parameters(LedgerFixtures.ledgerWith(json -> {
                        // a cost model other than the head's gives another language view, so another hash
                        var v3 = (com.fasterxml.jackson.databind.node.ArrayNode) json.path("costModels").path("PlutusV3");
                        v3.set(0, v3.get(0).asLong() + 1);
                    }).rules().parameters())
                    .sign(ALICE);
            assertThat(validate(tx, funded())).isInstanceOfSatisfying(TxVerdict.Invalid.class,
                    invalid -> assertThat(invalid.breaks("PPViewHashesDontMatch")).isTrue());
        }

        @Test
        void shouldRejectAScriptSpendWithoutItsRedeemer() {
            // Spending the bid as if it were a key-locked output: no script, no redeemer.
            SignedTx tx = new TxDraft().spend(BID).pay(ALICE.address(), 20 * ADA).sign(ALICE);

            assertThat(validate(tx, funded())).isInstanceOfSatisfying(TxVerdict.Invalid.class,
                    invalid -> assertThat(invalid.breaks("MissingScriptWitnessesUTXOW")).isTrue());
        }

        @Test
        void shouldRejectARedeemerBudgetTooSmallForTheScript() {
            SignedTx tx = new TxDraft()
                    .spendScript(BID, FabricScripts.bid().plutusScript(), new BidRedeemer.Cancel().toPlutusData(), 10, 10)
                    .pay(ALICE.address(), 20 * ADA).collateral(ALICE_COLLATERAL).requireSigner(ALICE).sign(ALICE);

            assertThat(validate(tx, funded())).isInstanceOfSatisfying(TxVerdict.Invalid.class,
                    invalid -> assertThat(invalid.reason()).contains("ValidationTagMismatch"));
        }
    }

    @Nested
    class NativeScriptsAndMint {
        private final ScriptPubkey aliceSigns = new ScriptPubkey(ALICE.keyHash());

        private LedgerState withMultisigOutput(TxIn at) throws Exception {
            LedgerState state = funded();
            byte[] address = new byte[29];
            address[0] = 0x70; // enterprise address, script payment credential, test network
            System.arraycopy(aliceSigns.getScriptHash(), 0, address, 1, 28);
            String bech32 = com.bloxbean.cardano.client.address.util.AddressUtil.bytesToAddress(address);
            state.add(java.util.Map.of(at, UtxoImport.toLedger(dev.fabric.hydra.api.TxOut.of(bech32,
                    dev.fabric.hydra.api.Value.lovelace(10 * ADA)))));
            return state;
        }

        @Test
        void shouldSpendANativeScriptOutputWhenItsSignatureIsThere() throws Exception {
            TxIn locked = new TxIn("cc".repeat(32), 0);
            SignedTx tx = new TxDraft().spendNative(locked, aliceSigns).pay(BOB.address(), 10 * ADA).sign(ALICE);

            assertThat(validate(tx, withMultisigOutput(locked))).isInstanceOf(TxVerdict.Valid.class);
        }

        @Test
        void shouldRejectANativeScriptThatDoesNotValidate() throws Exception {
            TxIn locked = new TxIn("cc".repeat(32), 0);
            SignedTx tx = new TxDraft().spendNative(locked, aliceSigns).pay(BOB.address(), 10 * ADA).sign(BOB);

            assertThat(validate(tx, withMultisigOutput(locked))).isInstanceOfSatisfying(TxVerdict.Invalid.class,
                    invalid -> assertThat(invalid.breaks("ScriptWitnessNotValidatingUTXOW")).isTrue());
        }

        @Test
        void shouldCountMintedTokensAsConsumedValue() {
            SignedTx tx = new TxDraft().spend(GENESIS).mint(aliceSigns, "746f6b656e", 1_000, BOB.address(), 5 * ADA)
                    .pay(ALICE.address(), 95 * ADA).sign(ALICE);

            TxVerdict verdict = validate(tx, funded());

            assertThat(verdict).isInstanceOf(TxVerdict.Valid.class);
            assertThat(((TxVerdict.Valid) verdict).produced().get(tx.output(0)).rendered().value()
                    .quantityOf(HexFormat.of().formatHex(scriptHash(aliceSigns)), "746f6b656e")).isEqualTo(1_000);
        }

        @Test
        void shouldRejectMintingUnderAPolicyThatDoesNotSign() {
            SignedTx tx = new TxDraft().spend(GENESIS).mint(new ScriptPubkey(BOB.keyHash()), "746f6b656e", 1_000, BOB.address(), 5 * ADA)
                    .pay(ALICE.address(), 95 * ADA).sign(ALICE);

            assertThat(validate(tx, funded())).isInstanceOfSatisfying(TxVerdict.Invalid.class,
                    invalid -> assertThat(invalid.breaks("ScriptWitnessNotValidatingUTXOW")).isTrue());
        }

        private byte[] scriptHash(ScriptPubkey script) {
            try {
                return script.getScriptHash();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }
    }

    @Nested
    class Decoding {
        @Test
        void shouldHashTheBodyBytesAsSentForTheTransactionId() throws Exception {
            SignedTx tx = payBob(30 * ADA, 70 * ADA);

            DecodedTx decoded = TxDecoder.decode(HexFormat.of().formatHex(tx.cbor()));

            assertThat(decoded.txId()).isEqualTo(tx.txId());
            assertThat(decoded.signers()).containsExactly(ALICE.keyHash());
            assertThat(decoded.outputBytes()).hasSize(2);
        }

        @Test
        void shouldRefuseBytesThatAreNotATransaction() {
            assertThatThrownBy(() -> TxDecoder.decode("deadbeef")).isInstanceOf(MalformedTxException.class);
            assertThatThrownBy(() -> TxDecoder.decode("zz")).isInstanceOf(MalformedTxException.class);
            assertThatThrownBy(() -> TxDecoder.decode(new byte[] {(byte) 0x84, 0x00}))
                    .isInstanceOf(MalformedTxException.class);
        }
    }
}
