package dev.cutover.jdbc.load;

import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/** Waits for a copy's pieces. Stateless. */
final class Pieces {

    private Pieces() {
    }

    /**
     * The rows all {@code pieces} copied; the first failure cancels the others and is thrown as
     * its piece threw it.
     */
    static long sum(List<Future<Long>> pieces) throws Exception {
        long rows = 0;
        try {
            for (Future<Long> piece : pieces) {
                rows += piece.get();
            }
        } catch (ExecutionException e) {
            throw e.getCause() instanceof Exception cause ? cause : e;
        } finally {
            pieces.forEach(p -> p.cancel(true));
        }
        return rows;
    }
}
