package dev.tessera.guard;

import dev.tessera.engine.generate.Cancellation;
import dev.tessera.mllama.SourceImage;
import java.nio.file.Path;
import java.util.List;

/**
 * The guard model folder opened on first use, so a guard that cannot load fails the exchange that needs it
 * (and the policy blocks it with the reason) instead of the app.
 *
 * <p>With {@code releaseAfterUse} the model is closed after every check: its memory-mapped weights are
 * unmapped and its heap state (KV cache, image cache) dropped, so the main model can page its own weights
 * into that memory - guard and main model then run one after the other in the memory of the larger one, at
 * the price of paging the guard's weights in again for the next check (re-read from disk when the page
 * cache could not keep them). Without it the guard stays open; the kernel still pages its idle weights out
 * under pressure, since mapped weights are clean file pages that never need swap.
 */
public final class LazyGuard implements Classifier, AutoCloseable {
    private final Path dir;
    private final GuardSettings settings;
    private final boolean releaseAfterUse;
    private GuardModel model;

    public LazyGuard(Path dir, GuardSettings settings, boolean releaseAfterUse) {
        this.dir = dir;
        this.settings = settings;
        this.releaseAfterUse = releaseAfterUse;
    }

    public Path dir() {
        return dir;
    }

    public boolean releasesAfterUse() {
        return releaseAfterUse;
    }

    /** The open model, loading it now if needed (throws when it cannot load). */
    public synchronized GuardModel model() {
        if (model == null) model = GuardModel.load(dir, settings);
        return model;
    }

    @Override
    public synchronized GuardResult classify(GuardConversation c, List<SourceImage> images, Cancellation cancel) {
        long t0 = System.nanoTime();
        boolean loaded = model == null;
        GuardModel m = model();
        double loadMs = loaded ? (System.nanoTime() - t0) / 1e6 : 0;
        try {
            GuardResult r = m.classify(c, images, cancel);
            return new GuardResult(r.verdict(), r.role(), r.prompt(), r.timings().withLoadMs(loadMs));
        } finally {
            if (releaseAfterUse) close();
        }
    }

    @Override
    public synchronized void close() {
        if (model != null) model.close();
        model = null;
    }
}
