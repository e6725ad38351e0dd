package dev.cutover.kafka;

import dev.cutover.core.pipeline.spi.ApplyException;

/** A batch can no longer be applied (the cause says why): the apply loop must stop without committing it. */
final class ApplyFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    ApplyFailedException(ApplyException cause) {
        super(cause.getMessage(), cause);
    }
}
