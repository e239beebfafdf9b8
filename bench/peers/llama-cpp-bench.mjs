// Prompt processing (pp) and token generation (tg) speed of llama.cpp on one GGUF file, through node-llama-cpp's
// prebuilt CPU binaries: the llama.cpp side of side-by-side.sh. Measured like llama-bench: pp = one batch of
// N random tokens into an empty context; tg = M tokens generated one at a time from a one-token context (greedy).
// Usage: node llama-cpp-bench.mjs --model FILE.gguf [--pp 128] [--tg 32] [--threads 1,2] [--reps 1] [--json]
import {getLlama, LlamaLogLevel} from "node-llama-cpp";

const args = Object.fromEntries(process.argv.slice(2).reduce((acc, a, i, all) => {
    if (a.startsWith("--")) acc.push([a.slice(2), all[i + 1] && !all[i + 1].startsWith("--") ? all[i + 1] : "true"]);
    return acc;
}, []));
if (!args.model) {
    console.error("usage: node llama-cpp-bench.mjs --model FILE.gguf [--pp 128] [--tg 32] [--threads 1,2] [--reps 1] [--json]");
    process.exit(2);
}
const pp = Number(args.pp ?? 128), tg = Number(args.tg ?? 32), reps = Number(args.reps ?? 1);
const threadCounts = String(args.threads ?? "1,2").split(",").map(Number);
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

// build: "never" — only the prebuilt binaries; this machine has no toolchain to spend minutes on a build.
const llama = await getLlama({gpu: false, build: "never", logLevel: LlamaLogLevel.warn});
const t0 = performance.now();
const model = await llama.loadModel({modelPath: args.model, gpuLayers: 0});
const loadS = (performance.now() - t0) / 1000;

// Random ordinary tokens (ids below the special tokens), fixed seed so every run feeds the same prompt.
let seed = 12345;
const rand = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
const prompt = Array.from({length: pp}, () => 1000 + Math.floor(rand() * 100000));

const results = [];
for (const threads of threadCounts) {
    const context = await model.createContext({
        contextSize: Math.max(pp, tg + 1) + 64, batchSize: pp, sequences: 1,
        threads: {ideal: threads, min: threads},
    });
    const seq = context.getSequence();
    await seq.evaluateWithoutGeneratingNewTokens(prompt.slice(0, 8)); // warm-up: page in the weights
    await seq.clearHistory();
    const ppRates = [], tgRates = [];
    for (let r = 0; r < reps; r++) {
        let t = performance.now();
        await seq.evaluateWithoutGeneratingNewTokens(prompt);
        ppRates.push(pp / ((performance.now() - t) / 1000));
        await seq.clearHistory();

        let n = 0;
        t = performance.now();
        for await (const token of seq.evaluate([prompt[0]], {temperature: 0})) {
            if (++n >= tg) break;
        }
        tgRates.push(n / ((performance.now() - t) / 1000));
        await seq.clearHistory();
    }
    await context.dispose();
    results.push({threads, pp_tokens_per_s: median(ppRates), tg_tokens_per_s: median(tgRates), pp, tg, reps});
}
await model.dispose();

const out = {peer: "llama.cpp via node-llama-cpp", model: args.model, load_s: loadS, results};
if (args.json === "true") console.log(JSON.stringify(out));
else for (const r of results) {
    console.log(`threads ${r.threads}: pp${pp} ${r.pp_tokens_per_s.toFixed(2)} tokens/s, tg${tg} ${r.tg_tokens_per_s.toFixed(2)} tokens/s`);
}
