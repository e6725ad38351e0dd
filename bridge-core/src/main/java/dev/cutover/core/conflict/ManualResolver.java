package dev.cutover.core.conflict;

/** {@code manual}: every conflict waits for a person. */
final class ManualResolver implements ConflictResolver {

    @Override
    public Resolution resolve(Conflict conflict) {
        return Resolution.park("manual: waits for a person to choose the legacy or the new version, or to supply a row");
    }
}
