package dev.fabric.deployer.provisioning;

import java.util.List;

/** What {@link LeaseReconciler#apply} did. */
public sealed interface ApplyResult {

    /**
     * The namespace and all its objects are as desired.
     *
     * @param changed objects created or updated by this run ({@code Kind/name}); empty on a no-op re-run
     */
    record Applied(String namespace, List<String> changed) implements ApplyResult {
        public Applied {
            changed = List.copyOf(changed);
        }
    }

    /** A namespace of that name exists and belongs to someone else: nothing was touched. */
    record NotOwned(String namespace, String reason) implements ApplyResult {
    }
}
