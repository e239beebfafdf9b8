package dev.tessera.desktop.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.tessera.desktop.engine.WeightFormat;
import dev.tessera.desktop.store.DataFolder;
import dev.tessera.desktop.store.SettingsStore;
import dev.tessera.desktop.support.Fx;
import dev.tessera.desktop.support.RecordingLoads;
import dev.tessera.desktop.support.TestApp;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

/**
 * Settings → Decoder weights: the choice reaches the engine's load call, reloads the loaded model, shows in the
 * status line, is saved, and is what the next start loads with. A settings file from before the setting reads as BF16.
 */
@ExtendWith(ApplicationExtension.class)
class WeightsSettingTest {
    @TempDir
    Path tmp;
    Stage stage;
    TestApp app;

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    @AfterEach
    void close() {
        if (app != null) app.services.close();
    }

    @Test
    void weightFormatReachesTheLoadReloadsAndPersists(FxRobot robot) throws Exception {
        Path data = tmp.resolve("data");
        Path model = Files.createDirectories(tmp.resolve("some-model"));
        RecordingLoads engine = new RecordingLoads();
        app = new TestApp(data, engine).show(stage);
        Fx.done(() -> app.window.models().load(model));
        assertEquals(List.of(new RecordingLoads.Load(model, WeightFormat.BF16)), engine.loads);
        Fx.await("status names BF16", () -> modelLabel(robot).endsWith("· BF16 (exact)"));

        robot.clickOn("#nav-settings");
        @SuppressWarnings("unchecked")
        ChoiceBox<WeightFormat> weights = robot.lookup("#weights").queryAs(ChoiceBox.class);
        Fx.run(() -> weights.setValue(WeightFormat.Q4_0));
        Fx.await("reloaded as Q4_0", () -> engine.loads.size() == 2);
        assertEquals(new RecordingLoads.Load(model, WeightFormat.Q4_0), engine.loads.get(1));
        Fx.await("status names Q4_0", () -> modelLabel(robot).endsWith("· Q4_0"));
        Path settings = new DataFolder(data).settingsFile();
        Fx.await("saved", () -> {
            try {
                return Files.readString(settings).contains("\"q4_0\"");
            } catch (java.io.IOException e) {
                return false;
            }
        });

        app.services.close();
        Fx.run(stage::close);
        RecordingLoads next = new RecordingLoads();
        app = new TestApp(data, next).show(stage);
        Fx.await("remembered model loaded at start", () -> next.loads.size() == 1);
        assertEquals(new RecordingLoads.Load(model, WeightFormat.Q4_0), next.loads.getFirst());
        assertEquals(WeightFormat.Q4_0, Fx.call(() -> app.window.settings().weightsProperty().get()));
    }

    @Test
    void settingsWrittenBeforeTheWeightFormatExistedReadAsBf16() throws Exception {
        DataFolder folder = new DataFolder(tmp);
        Files.writeString(folder.settingsFile(), """
                {"threads": 2, "maxTiles": 1, "temperature": 0.5, "topP": 0.9, "maxTokens": 100, "theme": "dark"}""");
        var s = new SettingsStore(folder).load();
        assertEquals(WeightFormat.BF16, s.weightFormat());
        assertEquals(2, s.threads(), "the rest of the file was read");
        assertEquals(WeightFormat.Q8_0, s.withWeights(WeightFormat.Q8_0).weightFormat());
    }

    private static String modelLabel(FxRobot robot) {
        return robot.lookup("#modelLabel").queryAs(Label.class).getText();
    }

}
