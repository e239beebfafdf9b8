package dev.tessera.cli;

import dev.tessera.engine.gguf.LlamaGgufExport;
import dev.tessera.engine.tensor.Quantization;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "export-gguf", mixinStandardHelpOptions = true,
        description = {"Write a llama model folder as a llama.cpp GGUF file (llama architecture, Llama 3 tokenizer),",
                "for running the same weights in llama.cpp side by side with Tessera (bench/peers).",
                "Q8_0 / Q4_0 blocks are the ones llama.cpp's own quantizer makes. Vision (mllama) models are refused."})
final class ExportGgufCommand implements Callable<Integer> {
    @Option(names = "--model", required = true, description = "Hugging Face llama model folder.")
    Path model;

    @Option(names = "--quant", defaultValue = "bf16", description = "bf16 (default), q8_0 or q4_0.")
    String quant;

    @Option(names = "--out", required = true, description = "GGUF file to write.")
    Path out;

    @Override
    public Integer call() {
        Quantization q = Quantization.parse(quant);
        long start = System.nanoTime();
        LlamaGgufExport.Result r = LlamaGgufExport.export(model, q, out, (done, total) ->
                System.err.printf(Locale.ROOT, "\r%8.2f / %.2f GB  %3d%% ", done / 1e9, total / 1e9,
                        total == 0 ? 100 : done * 100 / total));
        System.err.printf(Locale.ROOT, "%nwrote %s: %d tensors, %.2f GB of %s data in %.1f s%n", r.file(), r.tensors(),
                r.dataBytes() / 1e9, q.id(), (System.nanoTime() - start) / 1e9);
        return Main.OK;
    }
}
