package dev.fabric.reputation.domain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The grid's auditor list, looked up by public key (an attestation's auditorId). */
public final class AuditorDirectory {

    private final Map<String, Auditor> byKey;

    private AuditorDirectory(Map<String, Auditor> byKey) {
        this.byKey = Map.copyOf(byKey);
    }

    /**
     * Parses {@code name=hexkey} entries (the configuration's form). Every problem is reported at
     * once, so a bad deployment fails at start with the full list.
     *
     * @throws IllegalArgumentException when an entry is malformed, a key is not an Ed25519 key, or a
     *                                  name or key appears twice
     */
    public static AuditorDirectory parse(Collection<String> entries) {
        Map<String, Auditor> byKey = new LinkedHashMap<>();
        Map<String, String> names = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        for (String entry : entries) {
            String trimmed = entry.trim();
            int eq = trimmed.indexOf('=');
            if (eq <= 0 || eq == trimmed.length() - 1) {
                problems.add("'" + trimmed + "' is not name=hexkey");
                continue;
            }
            String name = trimmed.substring(0, eq).trim();
            String hex = trimmed.substring(eq + 1).trim().toLowerCase(Locale.ROOT);
            try {
                Auditor auditor = new Auditor(name, hex, Ed25519Keys.publicKey(hex));
                if (names.putIfAbsent(name, hex) != null) {
                    problems.add("auditor name '" + name + "' appears twice");
                } else if (byKey.putIfAbsent(hex, auditor) != null) {
                    problems.add("auditor key of '" + name + "' is already listed as '" + byKey.get(hex).name() + "'");
                }
            } catch (IllegalArgumentException e) {
                problems.add("auditor '" + name + "': " + e.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("invalid auditor list: " + String.join("; ", problems));
        }
        return new AuditorDirectory(byKey);
    }

    public static AuditorDirectory of(Collection<Auditor> auditors) {
        Map<String, Auditor> byKey = new LinkedHashMap<>();
        auditors.forEach(a -> byKey.put(a.publicKeyHex(), a));
        return new AuditorDirectory(byKey);
    }

    public Optional<Auditor> byPublicKey(String hex) {
        return hex == null ? Optional.empty() : Optional.ofNullable(byKey.get(hex.toLowerCase(Locale.ROOT)));
    }

    public int size() {
        return byKey.size();
    }
}
