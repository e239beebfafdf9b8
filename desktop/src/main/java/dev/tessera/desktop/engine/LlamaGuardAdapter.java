package dev.tessera.desktop.engine;

import dev.tessera.desktop.guard.Guard;
import dev.tessera.desktop.guard.GuardState;
import dev.tessera.desktop.guard.GuardStatus;
import dev.tessera.engine.chat.ChatMessage;
import dev.tessera.engine.chat.ContentPart;
import dev.tessera.guard.GuardResult;
import dev.tessera.guard.GuardSettings;
import dev.tessera.guard.LazyGuard;
import dev.tessera.guard.Verdict;
import dev.tessera.mllama.SourceImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The window's {@link Guard} over Llama Guard 3 (the guard-vision module): the engine adapter for safety
 * checks, as {@link VlmChatEngine} is for answers. The guard model loads on the first check. It fails closed:
 * a guard that cannot load or gives no readable verdict blocks the question (or withholds the answer) and says
 * why, it never lets the exchange through unchecked.
 */
public final class LlamaGuardAdapter implements Guard, AutoCloseable {
    private final LazyGuard guard;
    private final String name;

    public LlamaGuardAdapter(Path dir) {
        this.guard = new LazyGuard(dir, GuardSettings.defaults(), false);
        this.name = dir.getFileName() == null ? dir.toString() : dir.getFileName().toString();
    }

    @Override
    public GuardState checkQuestion(String question, List<Path> images) {
        List<SourceImage> read = new ArrayList<>();
        for (Path p : images) read.add(SourceImage.read(p));
        return state(guard.check(List.of(user(question, images.size())), read, null), GuardStatus.BLOCKED);
    }

    @Override
    public GuardState checkAnswer(String question, List<Path> images, String answer) {
        List<SourceImage> read = new ArrayList<>();
        for (Path p : images) read.add(SourceImage.read(p));
        List<ChatMessage> conversation = List.of(user(question, images.size()), ChatMessage.text("assistant", answer));
        return state(guard.check(conversation, read, null), GuardStatus.WITHHELD);
    }

    private static ChatMessage user(String text, int images) {
        List<ContentPart> parts = new ArrayList<>();
        for (int i = 0; i < images; i++) parts.add(new ContentPart.Image(null));
        parts.add(new ContentPart.Text(text));
        return ChatMessage.of("user", parts.toArray(ContentPart[]::new));
    }

    private GuardState state(GuardResult r, GuardStatus stop) {
        Verdict v = r.verdict();
        String detail = name + ": " + v.summary();
        if (v.isSafe()) return GuardState.of(GuardStatus.SAFE, detail);
        List<String> categories = v.categories().stream().map(Verdict.Category::toString).toList();
        if (v.isFailure()) return new GuardState(stop, List.of("guard failed: " + (v.reason() == null ? v.kind().id() : v.reason())), detail);
        return new GuardState(stop, categories, detail);
    }

    @Override
    public void close() {
        guard.close();
    }
}
