package dev.tessera.engine.checkpoint;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tessera.engine.BadInputException;
import dev.tessera.engine.TesseraException;
import dev.tessera.engine.checkpoint.ModelShape.TextShape;
import dev.tessera.engine.checkpoint.ModelShape.VisionShape;
import dev.tessera.engine.config.VisionConfig;
import dev.tessera.engine.safetensors.AtomicWrite;
import dev.tessera.engine.tensor.DType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The JSON files of a Hugging Face model folder, with the values the published Instruct checkpoints carry
 * (the keys transformers writes that matter; the generic PretrainedConfig defaults are left out), and the
 * tokenizer files copied from a folder that has them. Llama 3.1 and 3.2 text models share the Llama 3
 * vocabulary, so the default source (the tiny-mllama fixture) serves them too; its tokenizer also knows
 * {@code <|image|>} (128256), which a text model's prompts never contain.
 */
final class HfConfigFiles {
    static final String TRANSFORMERS_VERSION = "4.45.0.dev0";
    static final int BOS = 128000, PAD = 128004, IMAGE_TOKEN = 128256;
    static final int[] INSTRUCT_EOS = {128001, 128008, 128009};
    /** Required tokenizer files, then the ones copied when present. */
    static final List<String> TOKENIZER_FILES = List.of("tokenizer.json", "tokenizer_config.json");
    static final List<String> OPTIONAL_TOKENIZER_FILES = List.of("special_tokens_map.json", "chat_template.json");

    private static final JsonNodeFactory J = JsonNodeFactory.instance;

    private HfConfigFiles() {}

    static void writeAll(Path dir, ModelShape shape, DType dtype, Path tokenizerSource) {
        copyTokenizer(tokenizerSource, dir);
        AtomicWrite.json(dir.resolve("config.json"), shape.isVision() ? mllamaConfig(shape, dtype) : llamaConfig(shape.text(), dtype));
        AtomicWrite.json(dir.resolve("generation_config.json"), generationConfig(shape.isVision()));
        if (shape.isVision()) AtomicWrite.json(dir.resolve("preprocessor_config.json"), preprocessorConfig(shape.vision()));
    }

    static ObjectNode mllamaConfig(ModelShape shape, DType dtype) {
        ObjectNode c = J.objectNode();
        c.putArray("architectures").add("MllamaForConditionalGeneration");
        c.put("image_token_index", IMAGE_TOKEN);
        c.put("model_type", "mllama");
        ObjectNode t = c.putObject("text_config");
        TextShape s = shape.text();
        t.put("bos_token_id", BOS);
        ints(t.putArray("cross_attention_layers"), s.crossLayers());
        t.put("dropout", 0);
        ints(t.putArray("eos_token_id"), INSTRUCT_EOS);
        t.put("hidden_act", "silu");
        t.put("hidden_size", s.hiddenSize());
        t.put("initializer_range", 0.02);
        t.put("intermediate_size", s.intermediateSize());
        t.put("max_position_embeddings", 131072);
        t.put("model_type", "mllama_text_model");
        t.put("num_attention_heads", s.heads());
        t.put("num_hidden_layers", s.layers());
        t.put("num_key_value_heads", s.kvHeads());
        t.put("pad_token_id", PAD);
        t.put("rms_norm_eps", 1e-5);
        ropeScaling(t, s);
        t.put("tie_word_embeddings", false);
        t.put("torch_dtype", torchDtype(dtype));
        t.put("use_cache", true);
        t.put("vocab_size", s.vocabSize());
        c.put("torch_dtype", torchDtype(dtype));
        c.put("transformers_version", TRANSFORMERS_VERSION);
        ObjectNode v = c.putObject("vision_config");
        VisionShape vs = shape.vision();
        v.put("attention_heads", vs.heads());
        v.put("hidden_act", "gelu");
        v.put("hidden_size", vs.hiddenSize());
        v.put("image_size", vs.imageSize());
        v.put("initializer_range", 0.02);
        ints(v.putArray("intermediate_layers_indices"), vs.intermediateLayers());
        v.put("intermediate_size", vs.intermediateSize());
        v.put("max_num_tiles", vs.maxTiles());
        v.put("model_type", "mllama_vision_model");
        v.put("norm_eps", 1e-5);
        v.put("num_channels", 3);
        v.put("num_global_layers", vs.globalLayers());
        v.put("num_hidden_layers", vs.layers());
        v.put("patch_size", vs.patchSize());
        ArrayNode ratios = v.putArray("supported_aspect_ratios");
        for (int[] r : VisionConfig.defaultAspectRatios(vs.maxTiles())) ratios.addArray().add(r[0]).add(r[1]);
        v.put("torch_dtype", torchDtype(dtype));
        v.put("vision_output_dim", vs.outputDim());
        return c;
    }

    /** As Llama 3.1 8B Instruct and Llama 3.2 1B Instruct write it. */
    static ObjectNode llamaConfig(TextShape s, DType dtype) {
        ObjectNode c = J.objectNode();
        c.putArray("architectures").add("LlamaForCausalLM");
        c.put("attention_bias", false);
        c.put("attention_dropout", 0.0);
        c.put("bos_token_id", BOS);
        ints(c.putArray("eos_token_id"), INSTRUCT_EOS);
        if (s.writeHeadDim()) c.put("head_dim", s.headDim());
        c.put("hidden_act", "silu");
        c.put("hidden_size", s.hiddenSize());
        c.put("initializer_range", 0.02);
        c.put("intermediate_size", s.intermediateSize());
        c.put("max_position_embeddings", 131072);
        c.put("mlp_bias", false);
        c.put("model_type", "llama");
        c.put("num_attention_heads", s.heads());
        c.put("num_hidden_layers", s.layers());
        c.put("num_key_value_heads", s.kvHeads());
        c.put("pretraining_tp", 1);
        c.put("rms_norm_eps", 1e-5);
        ropeScaling(c, s);
        c.put("tie_word_embeddings", s.tiedEmbeddings());
        c.put("torch_dtype", torchDtype(dtype));
        c.put("transformers_version", TRANSFORMERS_VERSION);
        c.put("use_cache", true);
        c.put("vocab_size", s.vocabSize());
        return c;
    }

    private static void ropeScaling(ObjectNode c, TextShape s) {
        ObjectNode r = c.putObject("rope_scaling");
        r.put("factor", s.ropeFactor());
        r.put("high_freq_factor", 4.0);
        r.put("low_freq_factor", 1.0);
        r.put("original_max_position_embeddings", 8192);
        r.put("rope_type", "llama3");
        c.put("rope_theta", 500000.0);
    }

    static ObjectNode generationConfig(boolean vision) {
        ObjectNode g = J.objectNode();
        g.put("bos_token_id", BOS);
        g.put("do_sample", true);
        ints(g.putArray("eos_token_id"), INSTRUCT_EOS);
        if (vision) g.put("pad_token_id", PAD);
        g.put("temperature", 0.6);
        g.put("top_p", 0.9);
        g.put("transformers_version", TRANSFORMERS_VERSION);
        return g;
    }

    /** MllamaImageProcessor settings: CLIP mean/std, bilinear resize, tiles of image_size. */
    static ObjectNode preprocessorConfig(VisionShape v) {
        ObjectNode p = J.objectNode();
        p.put("do_convert_rgb", true);
        p.put("do_normalize", true);
        p.put("do_pad", true);
        p.put("do_rescale", true);
        p.put("do_resize", true);
        p.putArray("image_mean").add(0.48145466).add(0.4578275).add(0.40821073);
        p.put("image_processor_type", "MllamaImageProcessor");
        p.putArray("image_std").add(0.26862954).add(0.26130258).add(0.27577711);
        p.put("max_image_tiles", v.maxTiles());
        p.put("processor_class", "MllamaProcessor");
        p.put("resample", 2);
        p.put("rescale_factor", 1 / 255.0);
        p.putObject("size").put("height", v.imageSize()).put("width", v.imageSize());
        return p;
    }

    static void copyTokenizer(Path from, Path to) {
        for (String f : TOKENIZER_FILES) {
            if (!Files.isRegularFile(from.resolve(f))) {
                throw new BadInputException(from + ": no " + f + " to copy (the tokenizer source must be a model folder)");
            }
        }
        try {
            Files.createDirectories(to);
            for (String f : TOKENIZER_FILES) AtomicWrite.bytes(to.resolve(f), Files.readAllBytes(from.resolve(f)));
            for (String f : OPTIONAL_TOKENIZER_FILES) {
                if (Files.isRegularFile(from.resolve(f))) AtomicWrite.bytes(to.resolve(f), Files.readAllBytes(from.resolve(f)));
            }
        } catch (IOException e) {
            throw new TesseraException(from + ": cannot copy the tokenizer files (" + e.getMessage() + ")", e);
        }
    }

    private static String torchDtype(DType dtype) {
        return dtype == DType.F32 ? "float32" : "bfloat16";
    }

    private static void ints(ArrayNode a, int[] values) {
        for (int v : values) a.add(v);
    }
}
