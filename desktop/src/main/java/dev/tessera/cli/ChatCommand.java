package dev.tessera.cli;

import dev.tessera.engine.BadInputException;
import dev.tessera.engine.chat.ChatMessage;
import dev.tessera.engine.generate.Cancellation;
import dev.tessera.engine.generate.GenerationOptions;
import dev.tessera.engine.kernels.Parallel;
import dev.tessera.engine.tokenizer.StreamingDecoder;
import dev.tessera.guard.GuardPolicy;
import dev.tessera.mllama.Answer;
import dev.tessera.mllama.Conversation;
import dev.tessera.mllama.Prompt;
import dev.tessera.mllama.VisionLanguageModel;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "chat", mixinStandardHelpOptions = true,
        description = {"An interactive conversation in the terminal, optionally about an image.",
                "Follow-up questions reuse the encoded image and the conversation's cache. Type /quit to leave, /new to start over."})
final class ChatCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Model folder (Hugging Face layout).")
    Path model;

    @Option(names = "--image", description = "The image the conversation is about.")
    Path image;

    @Option(names = "--date", description = "The date the chat template states (default: today).")
    String date;

    @Mixin
    GenerationFlags gen = new GenerationFlags();

    @Mixin
    WeightFlags weights = new WeightFlags();

    @Mixin
    GuardFlags guard = new GuardFlags();

    @Override
    public Integer call() throws Exception {
        if (gen.threads != null) Parallel.setThreads(gen.threads);
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        GuardPolicy policy = guard.policy(); // bad guard options fail before any model loads
        try (VisionLanguageModel vlm = VisionLanguageModel.load(model, gen.loadOptions().withWeights(weights.options()))) {
            GenerationOptions opts = gen.options(vlm);
            Conversation conversation = new Conversation(vlm);
            List<ChatMessage> history = new ArrayList<>();
            Map<String, Object> vars = new HashMap<>();
            if (date != null) vars.put("date_string", date);
            out.printf(Locale.ROOT, "Tessera chat with %s%s%s. /quit to leave, /new to start over.%n",
                    model.getFileName(), image == null ? "" : " about " + image.getFileName(),
                    policy == GuardPolicy.OFF ? "" : ", guarded by " + guard.guardModel.getFileName() + " (" + policy.id() + ")");
            if (policy != GuardPolicy.OFF) {
                GuardedChat.run(vlm, image, guard, opts, gen.maxTiles(vlm), vars, in, out);
                return Main.OK;
            }
            while (ChatTurns.next(in, out, history, image, conversation::reset)) {
                StreamingDecoder stream = vlm.tokenizer().streamingDecoder(true);
                StringBuilder text = new StringBuilder();
                Answer a;
                try {
                    Prompt p = vlm.chatPrompt(history, vars);
                    a = conversation.answer(p, gen.maxTiles(vlm), opts, id -> {
                        String s = stream.push(id);
                        text.append(s);
                        out.print(s);
                    }, new Cancellation());
                } catch (BadInputException e) {
                    ChatTurns.refused(history, e);
                    continue;
                }
                String rest = stream.flush();
                text.append(rest);
                out.println(rest);
                var r = a.result();
                out.printf(Locale.ROOT, "  [%s%d tokens, prefill %.0f ms, %.1f tokens/s]%n",
                        a.imageEncodeMs() > 0 ? String.format(Locale.ROOT, "image %.0f ms, ", a.imageEncodeMs()) : "",
                        r.generatedIds().length, r.prefillMs(), r.decodeTokensPerSecond());
                history.add(ChatMessage.text("assistant", text.toString().strip()));
            }
        }
        return Main.OK;
    }
}
