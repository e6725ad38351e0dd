package dev.cutover.core.conflict;

import dev.cutover.core.event.ChangeEvent;
import dev.cutover.core.event.RowImage;
import dev.cutover.core.event.SystemSide;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * One conflict as it was met and decided: everything a person needs to see what happened and why.
 *
 * @param id stable identity: the same incoming change meeting a conflict again (after a restart
 *     re-delivers it) gets the same id, so a log reader keeps one record per id
 * @param conflict the conflict: binding, target, kind, incoming change (with its before and after
 *     images) and the target's row at the time, all in the target's terms
 * @param policy the binding's policy
 * @param resolution what was decided and why; {@link Resolution.Decision#PARK} until a person resolves it
 * @param detectedAt when the applier met it
 */
public record ConflictRecord(String id, Conflict conflict, ConflictPolicy policy, Resolution resolution, Instant detectedAt)
        implements ConflictLogEntry {

    public ConflictRecord {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(conflict, "conflict");
        Objects.requireNonNull(policy, "policy");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(detectedAt, "detectedAt");
    }

    @Override
    public String conflictId() {
        return id;
    }

    /** The key of the row in conflict, in the target's terms. */
    public RowImage key() {
        return conflict.change().key();
    }

    /** True while the conflict waits for a person. */
    public boolean parked() {
        return resolution.decision() == Resolution.Decision.PARK;
    }

    /** The id of the conflict {@code change} meets at {@code target} of {@code binding}: a digest of where the change comes from. */
    public static String idFor(String binding, SystemSide target, ChangeEvent change) {
        String identity = binding + '\n' + target.label() + '\n' + change.table() + '\n' + change.key() + '\n'
                + change.position() + '\n' + change.operation();
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(identity.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }
}
