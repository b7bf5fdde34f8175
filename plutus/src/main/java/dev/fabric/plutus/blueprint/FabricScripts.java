package dev.fabric.plutus.blueprint;

/**
 * The Fabric validators of the committed blueprint, read once on first use.
 *
 * <pre>{@code
 * String bidAddress = FabricScripts.bid().addressBech32(Networks.testnet());
 * String leaseHash = FabricScripts.lease().scriptHash();
 * }</pre>
 */
public final class FabricScripts {

    private FabricScripts() {
    }

    /** Holder idiom: the blueprint is parsed once, lazily and thread-safely; immutable afterwards. */
    private static final class Default {
        private static final ValidatorSet INSTANCE = ValidatorSet.from(Blueprint.fromClasspath());
    }

    public static ValidatorSet validators() {
        return Default.INSTANCE;
    }

    public static FabricScript bid() {
        return Default.INSTANCE.bid();
    }

    public static FabricScript offer() {
        return Default.INSTANCE.offer();
    }

    public static FabricScript lease() {
        return Default.INSTANCE.lease();
    }
}
