package dev.cutover.runtime;

import dev.cutover.runtime.batch.BatchScheduler;

/** Starts the copy scheduler of a {@code batch} binding, which shares the publisher and appliers with the streamed bindings. */
final class BatchAssembly {

    private BatchAssembly() {
    }

    static void start(BridgeWiring w, CompiledBinding b) {
        w.components().batches().put(b.name(), BatchScheduler.start(b.name(), b.options().batch(), b.mapping(), b.source(),
                b.route().targetSchema(), BindingCompiler.connections(w.config().system(b.source())),
                BindingCompiler.connections(w.config().system(b.target())), w.config().dataDir(), w.kafka().publisher(),
                w.desks().deadLetters().ledger(), w.metrics(), w.clock(), w.registry(), w.control().pausedByOperator(b.name())));
    }
}
