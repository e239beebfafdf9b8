package dev.tessera.cli;

import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.engine.generate.GenerationResult;
import dev.tessera.mllama.Answer;
import dev.tessera.mllama.ImageInfo;
import dev.tessera.mllama.Prompt;
import dev.tessera.mllama.VisionLanguageModel;

/** The {@code --json} object of {@code tessera ask}. */
final class AskReport {
    static final JsonMapper JSON = JsonMapper.builder().build();
    private final VisionLanguageModel vlm;
    private final Prompt prompt;

    AskReport(VisionLanguageModel vlm, Prompt prompt) {
        this.vlm = vlm;
        this.prompt = prompt;
    }

    /** answer == null for --dry-run. */
    String json(Answer answer, double loadMs, int maxTiles) throws Exception {
        return JSON.writeValueAsString(node(answer, loadMs, maxTiles));
    }

    /** The prompt alone: templated text and ids (an exchange the guard stopped before the model ran). */
    ObjectNode promptNode() {
        ObjectNode o = JSON.createObjectNode();
        o.put("templated_prompt", prompt.templated());
        ArrayNode ids = o.putArray("input_ids");
        for (int id : prompt.ids()) ids.add(id);
        return o;
    }

    /** answer == null for --dry-run (then the image layouts are worked out, without encoding). */
    ObjectNode node(Answer answer, double loadMs, int maxTiles) {
        ObjectNode o = promptNode();
        if (answer == null) {
            if (!prompt.images().isEmpty()) o.set("images", images(vlm.images().layouts(prompt.images(), maxTiles)));
            return o;
        }
        GenerationResult r = answer.result();
        ArrayNode gen = o.putArray("generated_ids");
        for (int id : r.generatedIds()) gen.add(id);
        o.put("generated_text", vlm.tokenizer().decode(r.generatedIds(), false));
        o.put("finish_reason", r.finishReason());
        ObjectNode top = o.putObject("first_step_top5");
        ArrayNode tIds = top.putArray("ids"), tLogits = top.putArray("logits");
        for (int i = 0; i < r.firstStepTop5Ids().length; i++) {
            tIds.add(r.firstStepTop5Ids()[i]);
            tLogits.add(r.firstStepTop5Logits()[i]);
        }
        ObjectNode t = o.putObject("timings");
        t.put("load_ms", round(loadMs));
        t.put("image_encode_ms", round(answer.imageEncodeMs()));
        t.put("prefill_ms", round(r.prefillMs()));
        t.put("decode_ms", round(r.decodeMs()));
        t.put("prompt_tokens", r.promptIds().length);
        t.put("generated_tokens", r.generatedIds().length);
        t.put("prefill_tokens_per_s", round(r.prefillTokensPerSecond()));
        t.put("decode_tokens_per_s", round(r.decodeTokensPerSecond()));
        if (!answer.images().isEmpty()) {
            o.set("images", images(answer.images()));
            o.put("image_encode_ms", round(answer.imageEncodeMs()));
        }
        return o;
    }

    private static ArrayNode images(java.util.List<ImageInfo> infos) {
        ArrayNode arr = JSON.createArrayNode();
        for (ImageInfo i : infos) {
            ObjectNode n = arr.addObject();
            n.put("file", i.file());
            n.put("aspect_ratio_id", i.aspectRatioId());
            ArrayNode mask = n.putArray("aspect_ratio_mask");
            for (int m : i.aspectRatioMask()) mask.add(m);
            n.putArray("tiles_hw").add(i.rows()).add(i.cols());
            n.putArray("canvas_hw").add(i.canvasHeight()).add(i.canvasWidth());
            n.putArray("resized_hw").add(i.resizedHeight()).add(i.resizedWidth());
            n.putArray("orig_hw").add(i.originalHeight()).add(i.originalWidth());
            n.put("cached", i.cached());
            n.put("encode_ms", round(i.encodeMs()));
        }
        return arr;
    }

    static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }
}
