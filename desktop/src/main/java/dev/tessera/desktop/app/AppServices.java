package dev.tessera.desktop.app;

import dev.tessera.desktop.engine.CaptionEngine;
import dev.tessera.desktop.engine.ChatEngine;
import dev.tessera.desktop.engine.Engines;
import dev.tessera.desktop.engine.ModelInspector;
import dev.tessera.desktop.models.ModelDiscovery;
import dev.tessera.desktop.samples.SampleImages;
import dev.tessera.desktop.store.ConversationStore;
import dev.tessera.desktop.store.DataFolder;
import dev.tessera.desktop.store.SettingsStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * Everything the view models share: the data folder and its stores, the settings, the engine on its thread, the
 * folder-captioning engine, the guard choice, model inspection and discovery, and the two executors (the UI thread and one background I/O thread
 * that saves, imports and inspects in order). Tests build one over a temporary folder with a scripted engine.
 */
public record AppServices(DataFolder data, ConversationStore conversations, AppSettings settings, EngineHost engine,
                          CaptionEngine captions, GuardProvider guards, ModelInspector inspector, ModelDiscovery discovery,
                          SampleImages samples, Executor ui, ExecutorService io) implements AutoCloseable {

    public static AppServices create(DataFolder data, ChatEngine engine, GuardProvider guards, ModelInspector inspector,
                                     ModelDiscovery discovery, Executor ui) {
        return create(data, engine, Engines.captions(), guards, inspector, discovery, ui);
    }

    public static AppServices create(DataFolder data, ChatEngine engine, CaptionEngine captions, GuardProvider guards,
                                     ModelInspector inspector, ModelDiscovery discovery, Executor ui) {
        ExecutorService io = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "tessera-io");
            t.setDaemon(true);
            return t;
        });
        AppSettings settings = new AppSettings(new SettingsStore(data), io);
        EngineHost host = new EngineHost(engine, ui);
        // the decoder weight format follows the settings; changing it reloads the loaded model in the new format
        host.weightsProperty().set(settings.get().weightFormat());
        settings.property().addListener((o, a, b) -> {
            if (a.weightFormat() != b.weightFormat()) host.reloadWith(b.weightFormat());
        });
        return new AppServices(data, new ConversationStore(data), settings, host, captions, guards, inspector, discovery,
                SampleImages.locate(data), ui, io);
    }

    /** Finishes pending saves (a few seconds at most), then stops the engine. */
    @Override
    public void close() {
        io.shutdown();
        try {
            io.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        engine.close();
    }
}
